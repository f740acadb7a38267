// SPDX-License-Identifier: AGPL-3.0-or-later
// Connect a person to a service from their plan: what it is for, what they agreed to share, who goes with them.
import { randomUUID } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import type { Config } from '../../../../config.ts'
import type { EmailSender } from '../../../../platform/email/email.ts'
import { choicesFrom } from '../../../../platform/http/choices.ts'
import { formPage } from '../../../../platform/http/form-page.ts'
import { textField } from '../../../../platform/http/forms.ts'
import { isUuid } from '../../../../shared/uuid.ts'
import { changeActorOf, referralIdOf, type CaseParams } from '../../../casework/index.ts'
import { ACCOMPANIED_BY_LABELS, SHARING, SHARING_LABELS, type Connection, type Sharing } from '../../connection.ts'
import {
  connectPerson,
  countRecentlySent,
  findListingName,
  listOpenConnections,
  openConnectionCase,
  type ConnectionCase,
} from '../../connections.service.ts'
import { mayEmailPerson, personEmailFor } from '../../episode-hooks.service.ts'
import type { OrgScope } from '../../../../platform/db/org-scope.ts'
import { NO_GOAL, parseConnectForm, readConnectForm } from '../connections.form.ts'
import { demandHint } from '../connections.presenter.ts'
import { groupEmail } from '../../group-email.ts'

const SHARING_HINTS: Record<Sharing, string> = {
  contact: 'The group gets in touch with them to welcome them.',
  full: 'The group can prepare for them, for example if they are anxious about a first visit.',
  'self-contact': 'Nothing is sent. You get a sheet with the group’s details to give them.',
}

export function connectPage(config: Config, email: EmailSender) {
  /** Emails the person the group's details; '&person=emailed' or '&person=not-emailed' for the page that follows. */
  async function emailThePerson(
    request: FastifyRequest,
    scope: OrgScope,
    found: ConnectionCase,
    connection: Connection,
  ): Promise<string> {
    const message = await personEmailFor(scope, found, connection, {
      linkWorkerName: request.actor!.displayName,
      serviceName: request.actor!.organisation!.name,
    })
    if (!message || email.kind === 'log') return '&person=not-emailed'
    try {
      await email.send(message)
      return '&person=emailed'
    } catch (error) {
      request.log.warn({ err: error, connectionId: connection.id }, 'email to the person not sent')
      return '&person=not-emailed'
    }
  }
  return formPage({
    async load(request: FastifyRequest<CaseParams>) {
      const scope = request.orgScope()
      const found = await openConnectionCase(scope, referralIdOf(request), changeActorOf(request))
      // The plan's directory services, less those the person is already connected to (and not finished with).
      const open = new Set((await listOpenConnections(scope, found)).map((c) => c.directoryServiceId))
      const services: { directoryServiceId: string; name: string }[] = (found.plan?.services ?? []).flatMap((s) =>
        s.directoryServiceId !== null && !open.has(s.directoryServiceId)
          ? [{ directoryServiceId: s.directoryServiceId, name: s.name }]
          : [],
      )
      // A service chosen from the suggestions (or the directory) that is not on the plan: offered first.
      const chosen = textField(request.method === 'GET' ? request.query : request.body, 'service', 40)
      if (isUuid(chosen) && !open.has(chosen) && !services.some((s) => s.directoryServiceId === chosen)) {
        const listing = await findListingName(scope, chosen)
        if (listing) services.unshift({ directoryServiceId: chosen, name: listing })
      }
      const recent = await countRecentlySent(
        scope,
        found,
        services.map((s) => s.directoryServiceId),
      )
      return { ...found, services, recent }
    },
    initial: (_found, request) => {
      const query = request.query as Record<string, unknown> | undefined
      return {
        service: typeof query?.['service'] === 'string' ? query['service'] : '',
        submissionKey: randomUUID(),
      }
    },
    view(found, { values }) {
      const p = found.referral.person
      const name = `${p.givenName} ${p.familyName}`
      const sharingChoices = (found.mayShare ? SHARING : (['self-contact'] as const)).map((value) => ({
        value,
        text: SHARING_LABELS[value],
        hint: { text: SHARING_HINTS[value] },
        checked: values.sharing === value,
      }))
      return {
        template: 'modules/connections/web/new/new.njk',
        model: {
          pageTitle: `Connect ${name} to a service`,
          backLinkHref: `/caseload/${found.referral.id}/connections`,
          referralId: found.referral.id,
          personName: name,
          mayShare: found.mayShare,
          personEmail: mayEmailPerson(found) ? found.referral.person.email : null,
          emailPersonChecked: values.emailPerson === 'yes',
          personId: found.referral.personId,
          hasPlanServices: (found.plan?.services ?? []).some((s) => s.directoryServiceId !== null),
          serviceItems: found.services.map((s) => {
            const demand = found.recent.get(s.directoryServiceId)
            return {
              value: s.directoryServiceId,
              text: s.name,
              hint: { text: demandHint(demand?.sent ?? 0, demand?.monthlyPlaces ?? null) },
              checked: values.service === s.directoryServiceId,
            }
          }),
          goalItems: [
            ...(found.plan?.goals ?? []).map((g) => ({
              value: g.goalKey,
              text: g.inTheirWords,
              checked: values.goal === g.goalKey,
            })),
            { value: NO_GOAL, text: 'Not linked to one goal', checked: values.goal === NO_GOAL },
          ],
          sharingItems: sharingChoices,
          accompaniedItems: choicesFrom(ACCOMPANIED_BY_LABELS, values.accompaniedBy ?? ''),
        },
      }
    },
    // Already connected to that service (another tab, or a second try after the first went through).
    conflict: { code: 'CONNECTIONS_ALREADY_CONNECTED', field: 'service', refresh: (_found, values) => values },
    fieldIds: { service: 'service', goal: 'goal', sharing: 'sharing', accompaniedBy: 'accompaniedBy' },
    read: readConnectForm,
    parse: parseConnectForm,
    async save(request, input) {
      const scope = request.orgScope()
      const actor = changeActorOf(request)
      const found = await openConnectionCase(scope, referralIdOf(request), actor)
      const { connection, token, created } = await connectPerson(scope, found, input, actor)
      const base = `/caseload/${found.referral.id}/connections/${connection.id}`
      // The person's own email, once (a retried submission sends nothing), when they agreed to it just now.
      const personNote = created && input.emailPerson ? await emailThePerson(request, scope, found, connection) : ''
      if (connection.sharing === 'self-contact') return `${base}?saved=self-contact${personNote}`
      if (!token) return base
      if (!connection.providerEmail || email.kind === 'log') return `${base}?saved=not-emailed${personNote}`
      try {
        await email.send({
          to: connection.providerEmail,
          ...groupEmail(config.publicUrl, token, connection.serviceName, request.actor!.organisation!.name),
        })
      } catch (error) {
        request.log.warn({ err: error, connectionId: connection.id }, 'connection email not sent')
        return `${base}?saved=not-emailed${personNote}`
      }
      return `${base}?saved=sent${personNote}`
    },
  })
}
