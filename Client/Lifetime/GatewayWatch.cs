namespace VisionZero.Client.Lifetime;

/// <summary>
/// Stops the command as soon as the client has no gateway left: without it, a call in flight to a silo
/// that died waits for its response timeout. Armed once connected, disarmed before vz disconnects.
/// </summary>
public sealed class GatewayWatch(CommandStop stop) : IClusterConnectionStatusObserver
{
    private volatile bool _armed;

    public void Arm() => _armed = true;

    public void Disarm() => _armed = false;

    public void NotifyClusterConnectionLost() => Lose();

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways,
        bool connectionRecovered)
    {
        if (currentNumberOfGateways == 0)
            Lose();
    }

    private void Lose()
    {
        if (_armed)
            stop.LoseCluster("the connection to its gateway closed (the silo stopped or is unreachable)");
    }
}
