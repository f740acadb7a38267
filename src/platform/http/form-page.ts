// SPDX-License-Identifier: AGPL-3.0-or-later
// The cycle every form page follows (GOV.UK's pattern), written once: show the form with what is stored; on
// submit read what was typed, and either show it again with an error summary (400, nothing the user typed is
// lost) or save and redirect (303, so refreshing never posts twice). A save refused because someone else
// changed the record meanwhile shows the page again with the fresh record and says so (409), never overwrites.
import type { FastifyReply, FastifyRequest, RouteGenericInterface } from 'fastify'
import type { PageModel } from '../views/render.ts'
import { AppError } from './errors.ts'
import { errorListFor, type FieldErrors, type FormResult } from './forms.ts'

/** What a form page's view receives: the values to show, the errors and the summary that links to them. */
export interface FormState<V> {
  values: Partial<V>
  errors: FieldErrors
  errorList: { text: string; href: string }[]
}

export interface FormPageSpec<R extends RouteGenericInterface, C, V, P> {
  /** What the page is about (the case, the listing…), read for every render: a 404 or 403 stops here. */
  load(request: FastifyRequest<R>): Promise<C>
  /** Where to send someone for whom the form makes no sense now (support already paused…), else undefined. */
  redirectFrom?(context: C): string | undefined
  /** The values the form starts with, from what is stored. Defaults to an empty form. */
  initial?(context: C, request: FastifyRequest<R>): Partial<V>
  /** The template and its model; `form` (values, errors, errorList) is merged in after. */
  view(
    context: C,
    form: FormState<V>,
    request: FastifyRequest<R>,
  ): { template: string; model: PageModel } | Promise<{ template: string; model: PageModel }>
  /** Field → id of the input the error summary links to, where they differ. */
  fieldIds?: Record<string, string>
  /** What was typed, kept as typed. */
  read(body: unknown): V
  parse(values: V): FormResult<P>
  /** Saves, and says where to go next. */
  save(request: FastifyRequest<R>, parsed: P, values: V): Promise<string>
  /**
   * When `save` is refused because the record changed since the page was shown (the module's error with this
   * code): the field to show the message on, and the values to show again against the fresh record (for example
   * with its new version, so the next save is checked against what the user has now seen).
   */
  conflict?: { code: string; field: string; refresh(context: C, values: V): Partial<V> }
}

export interface FormPage<R extends RouteGenericInterface> {
  show: (request: FastifyRequest<R>, reply: FastifyReply) => Promise<FastifyReply>
  submit: (request: FastifyRequest<R>, reply: FastifyReply) => Promise<FastifyReply>
}

export function formPage<R extends RouteGenericInterface, C, V, P>(spec: FormPageSpec<R, C, V, P>): FormPage<R> {
  async function render(
    request: FastifyRequest<R>,
    reply: FastifyReply,
    values: Partial<V>,
    errors: FieldErrors,
    status = 200,
    loaded?: C,
  ): Promise<FastifyReply> {
    const context = loaded ?? (await spec.load(request))
    const form: FormState<V> = { values, errors, errorList: errorListFor(errors, spec.fieldIds) }
    const { template, model } = await spec.view(context, form, request)
    return reply.page(template, { ...model, ...form }, status)
  }

  return {
    async show(request, reply) {
      const context = await spec.load(request)
      const elsewhere = spec.redirectFrom?.(context)
      if (elsewhere) return reply.redirect(elsewhere, 303)
      return render(request, reply, spec.initial?.(context, request) ?? {}, {}, 200, context)
    },
    async submit(request, reply) {
      const values = spec.read(request.body)
      const parsed = spec.parse(values)
      if (!parsed.ok) return render(request, reply, values, parsed.errors, 400)
      try {
        return reply.redirect(await spec.save(request, parsed.value, values), 303)
      } catch (error) {
        const conflict = spec.conflict
        if (!conflict || !(error instanceof AppError) || error.code !== conflict.code) throw error
        const fresh = await spec.load(request)
        return render(request, reply, conflict.refresh(fresh, values), { [conflict.field]: error.message }, 409, fresh)
      }
    },
  }
}
