// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Role } from '../platform/auth/roles.ts'

/** Every demo account shares this password. Demo data only: never seeded in production unless asked. */
export const DEMO_PASSWORD = 'waymark-demo-password'

export interface DemoUser {
  key: string
  email: string
  displayName: string
  jobTitle: string
  /** Organisation key → roles held there. */
  memberships: Record<string, Role[]>
}

export interface DemoOrganisation {
  key: string
  name: string
  type: string
  odsCode: string | null
}

export const DEMO_AREA_NAME = 'Granite City (demo area)'

export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [
  { key: 'sps', name: 'Granite City Social Prescribing Service', type: 'social-prescribing-service', odsCode: null },
  { key: 'pcn', name: 'Granite City Central Primary Care Network', type: 'primary-care-network', odsCode: 'U99001' },
  { key: 'rosemount', name: 'Rosemount Medical Practice', type: 'gp-practice', odsCode: 'Z99001' },
  { key: 'torry', name: 'Torry Health Centre', type: 'gp-practice', odsCode: 'Z99002' },
  { key: 'bridge-of-don', name: 'Bridge of Don Surgery', type: 'gp-practice', odsCode: 'Z99003' },
  { key: 'council', name: 'Granite City Council Adult Social Care', type: 'council', odsCode: null },
  { key: 'hub', name: 'Northfield Community Hub', type: 'vcse', odsCode: null },
  { key: 'age-well', name: 'Age Well Granite City', type: 'vcse', odsCode: null },
  { key: 'trust', name: 'North East Hospitals NHS Trust', type: 'hospital-trust', odsCode: 'R9901' },
  { key: 'ambulance', name: 'North East Ambulance Service', type: 'ambulance-service', odsCode: 'R9902' },
  { key: 'pharmacy', name: 'Holburn Street Pharmacy', type: 'pharmacy', odsCode: 'FA901' },
  { key: 'icb', name: 'Granite City Integrated Care Board', type: 'commissioner', odsCode: 'Q9901' },
]

export const DEMO_USERS: readonly DemoUser[] = [
  {
    key: 'admin',
    email: 'admin@waymark.example',
    displayName: 'Alex Morgan',
    jobTitle: 'Service administrator',
    memberships: { sps: ['administrator'], council: ['administrator', 'directory-editor'] },
  },
  {
    key: 'supervisor',
    email: 'priya.shah@waymark.example',
    displayName: 'Priya Shah',
    jobTitle: 'Social prescribing team lead',
    memberships: { sps: ['supervisor', 'link-worker'] },
  },
  {
    key: 'link-worker',
    email: 'sam.okafor@waymark.example',
    displayName: 'Sam Okafor',
    jobTitle: 'Social prescribing link worker',
    memberships: { sps: ['link-worker'] },
  },
  {
    key: 'link-worker-2',
    email: 'megan.reid@waymark.example',
    displayName: 'Megan Reid',
    jobTitle: 'Social prescribing link worker',
    memberships: { sps: ['link-worker'] },
  },
  {
    key: 'link-worker-3',
    email: 'tom.baird@waymark.example',
    displayName: 'Tom Baird',
    jobTitle: 'Community connector',
    memberships: { sps: ['link-worker'] },
  },
  {
    key: 'gp',
    email: 'dr.ruth.campbell@waymark.example',
    displayName: 'Dr Ruth Campbell',
    jobTitle: 'General practitioner',
    memberships: { rosemount: ['referrer'] },
  },
  {
    key: 'nurse',
    email: 'kirsty.duncan@waymark.example',
    displayName: 'Kirsty Duncan',
    jobTitle: 'Practice nurse',
    memberships: { torry: ['referrer'] },
  },
  {
    key: 'physio',
    email: 'alan.murray@waymark.example',
    displayName: 'Alan Murray',
    jobTitle: 'Physiotherapist',
    memberships: { trust: ['referrer', 'link-worker'] },
  },
  {
    key: 'paramedic',
    email: 'jo.fraser@waymark.example',
    displayName: 'Jo Fraser',
    jobTitle: 'Community paramedic',
    memberships: { ambulance: ['referrer'] },
  },
  {
    key: 'pharmacist',
    email: 'imran.ali@waymark.example',
    displayName: 'Imran Ali',
    jobTitle: 'Community pharmacist',
    memberships: { pharmacy: ['referrer'] },
  },
  {
    key: 'editor',
    email: 'lorna.mackay@waymark.example',
    displayName: 'Lorna Mackay',
    jobTitle: 'Community directory officer',
    memberships: { council: ['directory-editor'] },
  },
  {
    key: 'provider',
    email: 'fiona.grant@waymark.example',
    displayName: 'Fiona Grant',
    jobTitle: 'Community hub coordinator',
    memberships: { hub: ['provider'] },
  },
  {
    key: 'commissioner',
    email: 'david.stewart@waymark.example',
    displayName: 'David Stewart',
    jobTitle: 'Commissioning manager',
    memberships: { icb: ['commissioner'] },
  },
]

const SIGN_IN_EXAMPLES: { key: string; roleLabel: string }[] = [
  { key: 'gp', roleLabel: 'Referrer (GP)' },
  { key: 'physio', roleLabel: 'Referrer and AHP social prescriber (physiotherapist)' },
  { key: 'link-worker', roleLabel: 'Link worker' },
  { key: 'supervisor', roleLabel: 'Supervisor' },
  { key: 'provider', roleLabel: 'Community provider' },
  { key: 'commissioner', roleLabel: 'Commissioner' },
  { key: 'editor', roleLabel: 'Directory editor' },
  { key: 'admin', roleLabel: 'Administrator (two organisations)' },
]

/** One demo sign-in per role, for the start-up banner and the sign-in page. */
export function demoSignInAccounts(): { roleLabel: string; email: string }[] {
  return SIGN_IN_EXAMPLES.map(({ key, roleLabel }) => ({
    roleLabel,
    email: DEMO_USERS.find((user) => user.key === key)!.email,
  }))
}
