// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AppError, ValidationError } from './errors.ts'
import { operationOutcome } from './operation-outcome.ts'

const ERROR_PAGES: Record<number, { pageTitle: string; heading: string; paragraphs: string[] }> = {
  400: {
    pageTitle: 'There is a problem with your request',
    heading: 'There is a problem with your request',
    paragraphs: ['Go back and try again. If you followed a link, it may be broken or out of date.'],
  },
  403: {
    pageTitle: 'You do not have access to this page',
    heading: 'You do not have access to this page',
    paragraphs: [
      'Your role in this organisation does not let you see this page.',
      'If you think you should have access, ask your administrator.',
    ],
  },
  404: {
    pageTitle: 'Page not found',
    heading: 'Page not found',
    paragraphs: [
      'If you typed the web address, check it is correct.',
      'If you pasted the web address, check you copied the entire address.',
    ],
  },
  429: {
    pageTitle: 'Too many attempts',
    heading: 'Too many attempts',
    paragraphs: ['You have tried this too many times in a short period. Wait a few minutes and try again.'],
  },
  500: {
    pageTitle: 'Sorry, there is a problem with the service',
    heading: 'Sorry, there is a problem with the service',
    paragraphs: ['Try again later.', 'We saved your answers only if you saw a confirmation.'],
  },
}

/** Routes answering machines rather than people get JSON (FHIR OperationOutcome or ORUK errors), not pages. */
export function isMachineRequest(request: FastifyRequest): boolean {
  const url = request.url
  return (
    url.startsWith('/api/') ||
    url.startsWith('/fhir') ||
    url.startsWith('/oruk') ||
    url === '/healthz' ||
    url === '/readyz'
  )
}

/**
 * The error page for a status. `message` is a module error's own words for the person (for example "This referral
 * form has expired. Start a new referral"): it leads the page, before the general advice.
 */
export function renderErrorPage(
  request: FastifyRequest,
  reply: FastifyReply,
  statusCode: number,
  message?: string,
): FastifyReply {
  const page = ERROR_PAGES[statusCode] ?? ERROR_PAGES[statusCode >= 500 ? 500 : 400]!
  const lead = message && statusCode < 500 && message !== page.heading ? [message] : []
  return reply.page(
    'platform/views/errors/error.njk',
    { ...page, paragraphs: [...lead, ...page.paragraphs], correlationId: statusCode >= 500 ? request.id : undefined },
    statusCode,
  )
}

function statusOf(error: FastifyError | AppError): number {
  if (error instanceof AppError) return error.statusCode
  const status = error.statusCode ?? 500
  return status >= 400 && status < 600 ? status : 500
}

/** One place that turns every thrown error into a page (people) or an OperationOutcome (machines). */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError | AppError, request, reply) => {
    const statusCode = statusOf(error)
    if (statusCode >= 500) {
      request.log.error(
        { err: error, userId: request.actor?.userId, organisationId: request.actor?.organisation?.id },
        'request failed',
      )
    } else {
      request.log.info(
        { code: (error as AppError).code ?? (error as FastifyError).code, statusCode },
        'request refused',
      )
    }

    if (isMachineRequest(request)) {
      if (error instanceof ValidationError) {
        return reply
          .code(400)
          .send(
            operationOutcome(
              error.issues.map((i) => ({ code: 'invalid', diagnostics: i.message, expression: [i.path] })),
            ),
          )
      }
      const fastifyValidation = (error as FastifyError).validation
      if (fastifyValidation) {
        return reply.code(400).send(
          operationOutcome(
            fastifyValidation.map((v) => ({
              code: 'invalid',
              diagnostics: v.message ?? 'invalid',
              expression: [
                v.instancePath.replace(/^\//, '').replaceAll('/', '.') ||
                  (error as FastifyError).validationContext ||
                  '',
              ],
            })),
          ),
        )
      }
      const diagnostics = statusCode >= 500 ? 'Internal error' : ((error as AppError).userMessage ?? error.message)
      const code =
        statusCode === 404
          ? 'not-found'
          : statusCode === 401 || statusCode === 403
            ? 'security'
            : statusCode >= 500
              ? 'exception'
              : 'invalid'
      return reply.code(statusCode).send(operationOutcome([{ code, diagnostics }]))
    }

    if (statusCode === 401) {
      const code = (error as AppError).code
      if (code === 'ORGANISATION_NOT_CHOSEN') return reply.redirect('/choose-organisation', 303)
      const returnTo = request.method === 'GET' ? `?returnTo=${encodeURIComponent(request.url)}` : ''
      return reply.redirect(`/sign-in${returnTo}`, 303)
    }
    return renderErrorPage(
      request,
      reply,
      statusCode === 403 && (error as FastifyError).code === 'FST_CSRF_INVALID_TOKEN' ? 400 : statusCode,
      error instanceof AppError ? error.userMessage : undefined,
    )
  })

  app.setNotFoundHandler(async (request, reply) => {
    if (isMachineRequest(request)) {
      return reply
        .code(404)
        .send(
          operationOutcome([
            { code: 'not-found', diagnostics: `No route ${request.method} ${request.url.split('?')[0]}` },
          ]),
        )
    }
    return renderErrorPage(request, reply, 404)
  })
}
