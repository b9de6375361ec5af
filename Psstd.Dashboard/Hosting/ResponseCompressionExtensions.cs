using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Psstd.Dashboard.Hosting;

public static class ResponseCompressionExtensions
{
    /// <summary>Exports are text too, and often the largest answers; the default list does not know their types.</summary>
    private static readonly string[] ExtraMimeTypes = ["text/csv", "application/x-ndjson"];

    /// <summary>
    /// Brotli or gzip for the page, its partials, the JSON API and exports: a large cluster's partial is megabytes
    /// of very repetitive HTML, which compresses well. Fastest levels, because the partial is rendered for every
    /// poll of every open page and the CPU it costs is the node's. Server-sent events stay uncompressed (not in the
    /// list): a compressor would hold events back until its buffer fills.
    /// </summary>
    /// <remarks>
    /// Over plain HTTP too (<see cref="ResponseCompressionOptions.EnableForHttps"/> concerns only HTTPS, where
    /// compressing secrets next to attacker-chosen text is the BREACH risk; the dashboard has no secrets or cookies,
    /// so it is on for both).
    /// </remarks>
    public static IServiceCollection AddDashboardCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            // Gzip first: among encodings a browser accepts equally, the first listed wins. At the fastest levels gzip
            // made the large cluster partial smaller than Brotli did, for less CPU (bench/RESULTS.md).
            options.Providers.Add<GzipCompressionProvider>();
            options.Providers.Add<BrotliCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(ExtraMimeTypes);
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }
}
