/**
 * Macros of the context family: values a client reads about the service it talks to.
 */
import type { MacroDefinition } from "./macros.js";

export const CONTEXT_MACROS: readonly MacroDefinition[] = [
  {
    name: "merc_current_date",
    snowflake: "CURRENT_DATE / CURRENT_DATE()",
    overloads: ["() AS CAST(get_current_timestamp() AS DATE)"],
  },
  {
    name: "merc_current_timestamp",
    snowflake: "CURRENT_TIMESTAMP [(precision)], LOCALTIMESTAMP, GETDATE(), SYSTIMESTAMP()",
    overloads: ["() AS get_current_timestamp()"],
  },
  {
    name: "merc_current_time",
    snowflake: "CURRENT_TIME [(precision)], LOCALTIME",
    overloads: ["() AS CAST(get_current_time() AS TIME)"],
  },
  {
    name: "merc_current_transaction",
    snowflake:
      "CURRENT_TRANSACTION(): the open transaction's id, the same for each statement inside it " +
      "(outside an explicit transaction: the statement's own, where Snowflake answers NULL)",
    overloads: ["() AS CAST(txid_current() AS VARCHAR)"],
  },
  {
    name: "current_ip_address",
    snowflake: "CURRENT_IP_ADDRESS(): clients reach the local engine over the loopback interface only",
    overloads: ["() AS '127.0.0.1'"],
  },
  {
    name: "current_region",
    snowflake: "CURRENT_REGION(): the local engine runs in no cloud region",
    overloads: ["() AS 'LOCAL'"],
  },
  {
    name: "current_client",
    snowflake: "CURRENT_CLIENT(): the local engine as the client",
    overloads: ["() AS 'Mercurios 1.0'"],
  },
  {
    name: "current_role_type",
    snowflake: "CURRENT_ROLE_TYPE(): the primary role is always an account role",
    overloads: ["() AS 'ROLE'"],
  },
];
