/** Size limits of directory fields (characters / items). Shared by the API, the importer and the docs. */
export const LIMITS = {
  title: 200,
  description: 4000,
  timeText: 200,
  listItems: 30,
  listItem: 120,
  shortName: 40,
  orgName: 200,
  contact: 300,
  moderationNote: 1000,
  membershipName: 200,
  membershipOrgs: 50,
} as const;
