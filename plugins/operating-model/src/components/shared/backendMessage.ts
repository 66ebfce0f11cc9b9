import { ResponseError } from '@backstage/errors';

/**
 * The message the backend wrote for a failed request (its error body's `message`), which names
 * the field or the permission at fault; for anything else, the error's own message.
 */
export function backendMessage(error: Error): string {
  if (error.name === 'ResponseError') {
    const cause = (error as ResponseError).cause as Error | undefined;
    if (cause?.message) return cause.message;
  }
  return error.message;
}

/** The HTTP status of a failed request, where the error came from one. */
export function backendStatus(error: Error): number | undefined {
  return error.name === 'ResponseError'
    ? (error as ResponseError).statusCode
    : undefined;
}
