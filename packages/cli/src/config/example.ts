/** The example file `hac config -x/--example` prints (the Python CLI's flag): valid, no passwords. */
export const EXAMPLE_CONFIG = `# hac configuration: ~/.config/hac-client/config.toml, or the file $HAC_CLIENT_CONFIG_PATH names.
# Passwords never go here: pipe them to "hac session start", set HAC_PASSWORD_<ENV>, or use
# "hac login --save-password" (OS keychain).

default_environment = "local"

[environments.local]
default_endpoint = "hac"

[environments.local.endpoints.hac]
url = "https://localhost:9002"
ignore_ssl = true      # the development server's certificate is self-signed
timeout = 30

[environments.production]
default_endpoint = "node1"
username = "deployer"  # optional: the HAC user (else --username, HAC_USERNAME_<ENV>, a cached session)
protected = true       # commit, import and update ask first (or need --yes)

[environments.production.endpoints.node1]
url = "https://prod-hac1.example.com:9002"
timeout = 60

[environments.production.endpoints.node2]
url = "https://prod-hac2.example.com:9002"
timeout = 60
`;
