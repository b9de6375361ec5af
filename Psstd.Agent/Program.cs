Console.WriteLine("psstd-agent");
