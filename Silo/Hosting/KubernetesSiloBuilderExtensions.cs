using Orleans.Configuration;

namespace VisionZero.Silo.Hosting;

/// <summary>
/// A silo in a Kubernetes pod (deploy/k8s): Orleans' Kubernetes hosting takes the silo's name from POD_NAME, the
/// address it advertises from POD_IP, listens on every interface, and marks silos dead whose pods are gone. It
/// needs get, list, watch and patch on pods (deploy/k8s/base/silo-role.yaml). Membership stays in PostgreSQL.
/// </summary>
public static class KubernetesSiloBuilderExtensions
{
    public static ISiloBuilder UseGridKubernetesHosting(this ISiloBuilder silo, GridHostSettings settings)
    {
        silo.Configure<EndpointOptions>(o =>
        {
            o.SiloPort = settings.SiloPort;
            o.GatewayPort = settings.GatewayPort;
        });
        silo.UseKubernetesHosting();
        return silo;
    }
}
