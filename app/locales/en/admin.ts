import type { Translation } from "../types";
import type vi from "../vi/admin";

const admin: Translation<typeof vi> = {
  title: "Administration",
  heading: "Administration",
  users: "Accounts",
  name: "Full name",
  email: "E-mail",
  roles: "Rights",
  isAdmin: "Administrator",
  isOrganizer: "May create contests",
  entrant: "Entrant",
  disabled: "Disabled",
  makeOrganizer: "Allow creating contests",
  removeOrganizer: "Withdraw the right to create contests",
  invite: {
    heading: "Invite an organizer",
    help: "The invitee receives an e-mail with a link to create an account or sign in, and may then create contests.",
    email: "Invitee's e-mail",
    submit: "Send invitation",
    sent: "Invitation sent to {{email}}.",
  },
  updated: "Updated the rights of {{name}}.",
};
export default admin;
