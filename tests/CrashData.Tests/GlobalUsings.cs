global using VisionZero.TestSupport;
