import type { ComponentType, SVGProps } from "react";
import {
  AlertIcon,
  AuditIcon,
  BookIcon,
  BuildingIcon,
  ChartIcon,
  CompassIcon,
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
  reports: ChartIcon,
  catalogue: BookIcon,
  audit: AuditIcon,
  users: UsersIcon,
  apiClients: KeyIcon,
  backbone: FlowIcon,
  hub: InboxIcon,
  workflowTemplates: FlowIcon,
  oncall: CompassIcon,
  incidents: AlertIcon,
  notifications: AlertIcon,
};

export function NavIcon({ navKey, className }: { navKey: NavKey; className?: string }) {
  const Icon = ICONS[navKey];
  return <Icon className={className} />;
}
