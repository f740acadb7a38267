// SPDX-License-Identifier: AGPL-3.0-or-later
import { RESPONSE_LINK_DAYS } from '../../connection.ts'

/**
 * The email a group gets. It holds nothing about the person (email is not a safe place for it): the link shows
 * what the person agreed to share, and asks for an answer, without an account.
 */
export function groupEmail(
  publicUrl: string,
  token: string,
  serviceName: string,
  fromService: string,
): { subject: string; text: string } {
  return {
    subject: `Someone would like to join ${serviceName}`,
    text:
      `${fromService} supports people to find groups and activities that help their wellbeing. One of our link ` +
      `workers has suggested ${serviceName} to someone, and they would like to come along.\n\n` +
      `Please open this link to see their details and let us know if you can welcome them:\n` +
      `${publicUrl.replace(/\/$/, '')}/connections/respond/${token}\n\n` +
      `The link works for ${RESPONSE_LINK_DAYS} days. You do not need an account. Please do not forward it: it ` +
      `shows personal details the person agreed to share with you.\n`,
  }
}
