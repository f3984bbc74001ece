namespace MonEspaceSante.Tests.Cli;

/// <summary>A string writer a test may read while the tool writes to it from another thread.</summary>
public sealed class SharedWriter : StringWriter
{
    private readonly Lock gate = new();

    public override void Write(char value)
    {
        lock (gate)
        {
            base.Write(value);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (gate)
        {
            base.Write(buffer, index, count);
        }
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        lock (gate)
        {
            base.Write(buffer);
        }
    }

    public override void Write(string? value)
    {
        lock (gate)
        {
            base.Write(value);
        }
    }

    public override string ToString()
    {
        lock (gate)
        {
            return base.ToString();
        }
    }
}
