# The silo image: VisionZero.Silo.dll on the ASP.NET Core runtime, as the image's non-root user `app`.
# Build from the repository root:   docker build -f deploy/docker/silo.Dockerfile -t vision-zero/silo:dev .
# Settings come from the environment (deploy/README.md): VZ_POSTGRES, VZ_ADMIN_KEY, VZ_ADVERTISE_HOST, ...

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore from the project files alone, so the packages' layer survives a change of code.
COPY Directory.Build.props Directory.Packages.props ./
COPY Grains.Interfaces/Grains.Interfaces.csproj Grains.Interfaces/
COPY Grains/Grains.csproj Grains/
COPY Grains/Scoring/Scoring.csproj Grains/Scoring/
COPY Silo/Silo.csproj Silo/
RUN dotnet restore Silo/Silo.csproj
COPY Grains.Interfaces/ Grains.Interfaces/
COPY Grains/ Grains/
COPY Silo/ Silo/
# The schema is embedded in VisionZero.Grains: every silo applies it at start.
COPY deploy/sql/ deploy/sql/
RUN dotnet publish Silo/Silo.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
# curl for the HEALTHCHECK: the runtime images carry none.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data \
    && chown "$APP_UID" /data
WORKDIR /app
COPY --from=build /app .
# Every interface on the silo's usual HTTP port (loopback is its default outside a container). /data holds the
# generated admin key when VZ_ADMIN_KEY is not set.
ENV ASPNETCORE_URLS=http://+:5080 \
    ASPNETCORE_HTTP_PORTS= \
    VZ_DATA_DIR=/data
# HTTP (API, /health, /metrics), silo-to-silo, and the Orleans gateway for vz and vz-edge.
EXPOSE 5080 11111 30000
USER $APP_UID
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:5080/health/live || exit 1
ENTRYPOINT ["dotnet", "VisionZero.Silo.dll"]
