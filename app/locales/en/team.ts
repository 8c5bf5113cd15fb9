import type { Translation } from "../types";
import type vi from "../vi/team";

const team: Translation<typeof vi> = {
  title: "Team",
  heading: "Contest team: {{contest}}",
  intro:
    "Organizers invite members by e-mail. Each invitee receives a link to create an account (or sign in) and take up their role in the contest.",
  invite: {
    heading: "Invite members",
    role: "Role",
    addresses: "E-mail addresses",
    addressesHelp: "One address per line, or several separated by commas or semicolons. Up to {{max}} addresses at a time.",
    submit: "Send invitations",
    sent: "Invitations as {{role}} sent: {{count}}.",
    alreadyMembers: "No invitation sent to addresses that already hold the role {{role}} in the contest: {{emails}}.",
    rejected: "The invalid lines are kept in the box so you can correct them and send again.",
    errors: {
      empty: "Please enter at least one e-mail address.",
      tooMany: "At most {{max}} invitations can be sent at a time.",
      role: "Please choose a role.",
      invalidLine: "Line {{line}}: “{{value}}” is not a valid e-mail address; no invitation sent.",
    },
  },
  members: {
    count: "{{role}} ({{count}})",
    empty: "No member holds this role yet.",
    name: "Name",
    email: "E-mail",
    since: "Member since",
    actions: "Actions",
    revoke: "Revoke",
    revokeLabel: "Revoke the role {{role}} of {{name}}",
    revokeConfirm: "Revoke the role {{role}} of {{name}}? A judge also leaves the contest's panels.",
    lastOrganizer: "The only organizer",
    revoked: "The role {{role}} of {{name}} has been revoked.",
    revokedSeats:
      "The role {{role}} of {{name}} has been revoked, and they have left {{count}} panel(s). Run the judge assignment again to move their entries to other judges.",
  },
  invitations: {
    heading: "Invitations not yet accepted",
    empty: "No invitation is pending.",
    email: "E-mail",
    role: "Role",
    sentAt: "Sent",
    expiresAt: "Expires",
    expired: "Expired",
    actions: "Actions",
    resend: "Resend",
    resendLabel: "Resend the invitation to {{email}}",
    revoke: "Revoke",
    revokeLabel: "Revoke the invitation to {{email}}",
    resent: "The invitation to {{email}} has been sent again with a new link; the old link no longer works.",
    revoked: "The invitation to {{email}} has been revoked; the link in it no longer works.",
  },
  errors: {
    invitationClosed: "This invitation has just been accepted or revoked. The list has been updated.",
    memberGone: "Someone else has just revoked this role. The list has been updated.",
    lastOrganizer: "The contest's only organizer cannot be revoked. Invite another organizer first.",
  },
};
export default team;
