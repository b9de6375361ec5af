Console.WriteLine("psstd-dashboard");
