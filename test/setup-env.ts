// snowflake-sdk probes cloud metadata addresses at import time unless this is set first.
process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION = "true";
process.env.SF_TELEMETRY_DISABLE_CONNECTION_SHAPE = "1";
process.env.NO_PROXY = "127.0.0.1,localhost";
