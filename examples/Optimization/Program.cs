Console.WriteLine("Optimization chapter: not yet ported.");
