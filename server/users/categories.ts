// The ticket categories an agent can be skilled in: the database enum's values, named here so the users domain
// need not import the tickets domain (domains stand alone).
export const TICKET_CATEGORIES = [
  "order_issue",
  "delivery_delay",
  "missing_item",
  "refund_request",
  "payment",
  "account_access",
  "restaurant_onboarding",
  "menu_update",
  "courier_payout",
  "courier_safety",
] as const;
