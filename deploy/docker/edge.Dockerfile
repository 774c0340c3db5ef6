# The edge image: vz-edge.dll on the .NET runtime, as the image's non-root user `app`. For trying the edge beside
# a cluster (deploy/compose, profile "edge"); a device runs the self-contained build under systemd (docs/edge.md).
# Build from the repository root:   docker build -f deploy/docker/edge.Dockerfile -t vision-zero/edge:dev .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore from the project files alone, so the packages' layer survives a change of code.
COPY Directory.Build.props Directory.Packages.props ./
COPY Grains.Interfaces/Grains.Interfaces.csproj Grains.Interfaces/
COPY Grains/Scoring/Scoring.csproj Grains/Scoring/
COPY Edge/Edge.csproj Edge/
RUN dotnet restore Edge/Edge.csproj
COPY Grains.Interfaces/ Grains.Interfaces/
COPY Grains/Scoring/ Grains/Scoring/
COPY Edge/ Edge/
RUN dotnet publish Edge/Edge.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/runtime:10.0 AS final
# curl for the HEALTHCHECK: the runtime images carry none.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data \
    && chown "$APP_UID" /data
WORKDIR /app
COPY --from=build /app .
# The SQLite copy lives in /data (mount a volume to keep it across containers).
ENV VZ_EDGE_DATA=/data
USER $APP_UID
# GET /status on the loopback endpoint (--http 5091): the edge answers it from its copy, online or not.
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
    CMD curl -fsS http://127.0.0.1:5091/status || exit 1
ENTRYPOINT ["dotnet", "vz-edge.dll"]
CMD ["--http", "5091"]
