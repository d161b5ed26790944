/** Thrown when the environment is invalid; the message names each bad variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}
