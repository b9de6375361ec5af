using System.Text.Json;
using System.Text.Json.Serialization;

namespace Psstd.Contracts;

/// <summary>Source-generated JSON for <see cref="DashboardRegistration"/>, same conventions as <see cref="LocalApiJsonContext"/>.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DashboardRegistration))]
public sealed partial class RegistrationJsonContext : JsonSerializerContext;
