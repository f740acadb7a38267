// SPDX-License-Identifier: AGPL-3.0-or-later
import { ACCESSIBILITY_TAXONOMY, FIVE_WAYS_TAXONOMY, NEEDS_TAXONOMY, taxonomyIdFor } from '../../taxonomies.ts'
import {
  CAPACITY_LABELS,
  HOW_TO_JOIN_LABELS,
  STATUS_LABELS,
  WELCOME_LABELS,
  describeCost,
  formatDistance,
  freshnessOf,
  isOneOf,
  CAPACITY_CODES,
  HOW_TO_JOIN_VALUES,
  SERVICE_STATUSES,
  WELCOME_VALUES,
} from '../../directory.ts'
import { describeSchedule, formatDate, formatTime, type ScheduleRule } from '../../schedules.ts'
import type { getServiceDetail } from '../../search.service.ts'

type Detail = Awaited<ReturnType<typeof getServiceDetail>>

function percent(yes: number, answered: number): string {
  return answered === 0 ? 'No answers yet' : `${Math.round((yes / answered) * 100)}% said yes (${yes} of ${answered})`
}

export function presentService(detail: Detail, freshnessDays: number) {
  const { service, organization } = detail
  const termNames = (taxonomy: typeof NEEDS_TAXONOMY, linkId: string): string[] => {
    const id = taxonomyIdFor(taxonomy.uri)
    return detail.attributes
      .filter((a) => a.linkId === linkId && a.taxonomyId === id)
      .map((a) => taxonomy.terms.find((t) => t.code === a.code)?.name ?? a.code)
  }
  const freshness = freshnessOf(service.assuredDate, detail.today, freshnessDays)
  const ages =
    service.minimumAge !== null || service.maximumAge !== null
      ? service.minimumAge !== null && service.maximumAge !== null
        ? `${service.minimumAge} to ${service.maximumAge}`
        : service.minimumAge !== null
          ? `${service.minimumAge} and over`
          : `Up to ${service.maximumAge}`
      : 'Any age'
  const phones = detail.contacts.phones
  return {
    service: {
      id: service.id,
      name: service.name,
      description: service.description,
      url: service.url,
      email: service.email,
      alert: service.alert,
      status: isOneOf(SERVICE_STATUSES, service.status) ? STATUS_LABELS[service.status] : service.status,
      isActive: service.status === 'active',
      statusCode: service.status,
      public: service.public,
    },
    organization: {
      id: organization.id,
      name: organization.name,
      website: organization.website,
      accredited: organization.accreditedProvider,
    },
    facts: [
      { key: 'Who it is for', value: [ages, service.eligibilityDescription].filter(Boolean).join('. ') },
      {
        key: 'Welcome',
        value: isOneOf(WELCOME_VALUES, service.welcome) ? WELCOME_LABELS[service.welcome] : service.welcome,
      },
      {
        key: 'Space',
        value: [
          isOneOf(CAPACITY_CODES, service.capacity) ? CAPACITY_LABELS[service.capacity] : service.capacity,
          service.monthlyPlaces
            ? `Takes up to ${service.monthlyPlaces} new ${service.monthlyPlaces === 1 ? 'person' : 'people'} a month`
            : null,
        ]
          .filter(Boolean)
          .join('. '),
      },
      {
        key: 'How to join',
        value: isOneOf(HOW_TO_JOIN_VALUES, service.howToJoin)
          ? HOW_TO_JOIN_LABELS[service.howToJoin]
          : service.howToJoin,
      },
      {
        key: 'Suitable for people with complex needs',
        value: service.suitableForComplexNeeds ? 'Yes' : 'Not specifically',
      },
      { key: 'Cost', value: [describeCost(detail.costs), service.feesDescription].filter(Boolean).join('. ') },
      { key: 'Needs it helps with', value: termNames(NEEDS_TAXONOMY, service.id).join(', ') || 'Not recorded' },
      { key: 'Ways to wellbeing', value: termNames(FIVE_WAYS_TAXONOMY, service.id).join(', ') || 'Not recorded' },
    ],
    times: detail.schedules.map((s) => describeSchedule(s as ScheduleRule)),
    next: detail.next
      ? `${formatDate(detail.next.date)}${detail.next.opensAt ? `, ${formatTime(detail.next.opensAt)}` : ''}`
      : null,
    places: detail.locations.map((l) => ({
      name: l.name,
      address: [l.address1, l.address2, l.city, l.postalCode].filter(Boolean),
      distance: l.distanceMetres !== null ? formatDistance(l.distanceMetres) : null,
      accessibility: [
        ...termNames(ACCESSIBILITY_TAXONOMY, l.locationId),
        ...detail.accessibility
          .filter(
            (a) =>
              a.locationId === l.locationId &&
              a.description &&
              !ACCESSIBILITY_TAXONOMY.terms.some((t) => t.name === a.description),
          )
          .map((a) => a.description!),
      ],
      mapHref:
        l.latitude !== null && l.longitude !== null
          ? `https://www.openstreetmap.org/?mlat=${l.latitude}&mlon=${l.longitude}#map=17/${l.latitude}/${l.longitude}`
          : null,
    })),
    contacts: detail.contacts.contacts.map((c) => ({
      name: c.name,
      title: c.title,
      email: c.email,
      phones: phones.filter((p) => p.contactId === c.id).map((p) => p.number),
    })),
    otherPhones: phones.filter((p) => !p.contactId).map((p) => p.number),
    verification: {
      freshness,
      text: service.assuredDate
        ? `Last checked ${formatDate(service.assuredDate, true)}${service.assurerName ? ` by ${service.assurerName}` : ''}`
        : 'This listing has never been checked',
      due: freshness !== 'fresh',
      freshnessDays,
    },
    feedback: {
      total: detail.feedback.total,
      welcoming: percent(detail.feedback.welcomingYes, detail.feedback.welcomingAnswered),
      recommend: percent(detail.feedback.recommendYes, detail.feedback.recommendAnswered),
      comments: detail.comments.map((c) => ({
        text: c.comment,
        who: c.source === 'person' ? 'Someone who went' : 'A link worker',
        when: formatDate(c.createdAt.toISOString().slice(0, 10), true),
      })),
    },
    pendingChanges: detail.versions.filter((v) => v.state === 'pending').map((v) => ({ id: v.id })),
    historyCount: detail.versions.length,
  }
}
