// SPDX-License-Identifier: AGPL-3.0-or-later
import { textField, type FieldErrors, type FormResult } from '../../../../platform/http/forms.ts'
import type { OrganizationDetails } from '../../directory.ts'
import { isUuid } from '../../../../shared/uuid.ts'

/** The organisation form as typed. */
export interface OrganizationValues {
  name: string
  description: string
  website: string
  email: string
  accreditedProvider: string
  providerOrganisationId: string
}

export function readOrganizationForm(body: unknown): OrganizationValues {
  return {
    name: textField(body, 'name', 200),
    description: textField(body, 'description', 2000),
    website: textField(body, 'website', 500),
    email: textField(body, 'email', 254),
    accreditedProvider: textField(body, 'accreditedProvider', 3),
    providerOrganisationId: textField(body, 'providerOrganisationId', 40),
  }
}

/** Whether the provider chosen is one of the area's is checked when saving (DIRECTORY_PROVIDER_NOT_FOUND). */
export function parseOrganizationForm(values: OrganizationValues): FormResult<OrganizationDetails> {
  const errors: FieldErrors = {}
  if (values.providerOrganisationId && !isUuid(values.providerOrganisationId))
    errors['providerOrganisationId'] = 'Select an organisation from the list, or none'
  if (!values.name) errors['name'] = 'Enter the organisation’s name'
  else if (values.name.length > 200) errors['name'] = 'Name must be 200 characters or fewer'
  if (values.description.length > 2000) errors['description'] = 'Description must be 2000 characters or fewer'
  if (values.website && !/^https?:\/\/[^\s<>"]+\.[^\s<>"]+$/.test(values.website))
    errors['website'] = 'Enter a website address in the correct format, like https://www.example.org'
  if (values.email && !/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(values.email))
    errors['email'] = 'Enter an email address in the correct format, like name@example.org'
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    value: {
      name: values.name,
      description: values.description,
      website: values.website || null,
      email: values.email || null,
      accreditedProvider: values.accreditedProvider === 'yes',
      providerOrganisationId: values.providerOrganisationId || null,
    },
  }
}
