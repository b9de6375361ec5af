namespace Psstd.Agent.Configuration;

/// <summary>Environment variable names, psstd-compatible (docs/configuration.md).</summary>
internal static class AgentVariables
{
    public const string NodeName = "PSSTD_NODE_NAME";
    public const string NodeTtl = "PSSTD_NODE_TTL";
    public const string Interval = "PSSTD_INTERVAL";
    public const string Gossip = "PSSTD_GOSSIP";
    public const string AdvertiseGossip = "PSSTD_ADVERTISE_GOSSIP";
    public const string Seeds = "PSSTD_SEEDS";
    public const string StateDirectory = "PSSTD_DB";
    public const string Socket = "PSSTD_SOCKET";
    public const string Web = "PSSTD_WEB";
    public const string Mdns = "PSSTD_MDNS";
    public const string Cluster = "PSSTD_CLUSTER";
    public const string Key = "PSSTD_KEY";
    public const string Reap = "PSSTD_REAP";
    public const string MdnsInterfaces = "PSSTD_MDNS_INTERFACES";
    public const string Retention = "PSSTD_RETENTION";
    public const string MaxStoreSize = "PSSTD_DB_MAX_SIZE";
    public const string GossipBandwidth = "PSSTD_GOSSIP_BANDWIDTH";
    public const string MaxNodes = "PSSTD_MAX_NODES";
    public const string Tags = "PSSTD_TAGS";
    public const string Alerts = "PSSTD_ALERTS";
    public const string AlertWebhook = "PSSTD_ALERT_WEBHOOK";
    public const string AlertWebhookFormat = "PSSTD_ALERT_WEBHOOK_FORMAT";
    public const string AlertWebhookHeader = "PSSTD_ALERT_WEBHOOK_HEADER";
}
