import type { ComponentType, SVGProps } from "react";
import {
  AuditIcon,
  BookIcon,
  BuildingIcon,
  FlowIcon,
  InboxIcon,
  KeyIcon,
  OverviewIcon,
  ShieldIcon,
  TicketIcon,
  UsersIcon,
} from "@/components/ui/icons";
import type { NavKey } from "./nav-items";

const ICONS: Record<NavKey, ComponentType<SVGProps<SVGSVGElement>>> = {
  overview: OverviewIcon,
  tickets: TicketIcon,
  risk: ShieldIcon,
  cities: BuildingIcon,
  catalogue: BookIcon,
  audit: AuditIcon,
  users: UsersIcon,
  apiClients: KeyIcon,
  backbone: FlowIcon,
  hub: InboxIcon,
};

export function NavIcon({ navKey, className }: { navKey: NavKey; className?: string }) {
  const Icon = ICONS[navKey];
  return <Icon className={className} />;
}
