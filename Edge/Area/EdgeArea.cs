namespace VisionZero.Edge.Area;

/// <summary>The area the edge keeps: as configured, or centred on the first GPS fix when no centre was given.</summary>
public sealed class EdgeArea(AreaSpec configured)
{
    private AreaSpec _current = configured;

    public AreaSpec Current => _current;

    /// <summary>Raised once, when a pending area learns its centre.</summary>
    public event Action? CentreKnown;

    public void Observe(double latitude, double longitude)
    {
        if (!_current.Pending)
            return;
        _current = _current.CentredOn(latitude, longitude);
        CentreKnown?.Invoke();
    }
}
