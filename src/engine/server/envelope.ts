/** Snowflake's reply envelope (`{data, code, message, success}`) and the GS codes the drivers know. */

export interface ProtocolReply {
  status: number;
  body: unknown;
}

/** GS codes the driver knows (lib/constants/gs_errors.ts), and the query-in-progress codes. */
export const GS = {
  badCredentials: "390100",
  noToken: "390101",
  invalidToken: "390104",
  sessionGone: "390111",
  sessionExpired: "390112",
  masterExpired: "390114",
  /** The query is still running: fetch `data.getResultUrl` again. */
  queryInProgress: "333333",
  /** Asynchronous execution started: the reply carries only the query id. */
  queryInProgressAsync: "333334",
} as const;

/** `{success:false}` in Snowflake's envelope, HTTP 200 (a 5xx would make the driver retry). */
export function failure(
  code: string,
  message: string,
  data: Record<string, unknown> | null = null,
): ProtocolReply {
  return { status: 200, body: { data, code, message, success: false, headers: null } };
}

export function success(data: unknown): ProtocolReply {
  return { status: 200, body: { data, code: null, message: null, success: true } };
}

/** A successful reply that says the query has not finished (333333 / 333334). */
export function inProgress(code: string, message: string, queryId: string): ProtocolReply {
  return {
    status: 200,
    body: {
      data: {
        queryId,
        getResultUrl: `/queries/${queryId}/result`,
        queryAbortsAfterSecs: 300,
        progressDesc: null,
      },
      code,
      message,
      success: true,
    },
  };
}
