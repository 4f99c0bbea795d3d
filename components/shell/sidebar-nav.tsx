"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { NavIcon } from "./icons";

export interface NavItem {
  href: string;
  label: string;
  icon: string;
  /** Active only on this exact path (the overview is the parent of the other billing pages). */
  exact?: boolean;
  testId: string;
}

export interface NavGroup {
  label?: string;
  items: NavItem[];
}

function isActive(pathname: string, item: NavItem): boolean {
  if (item.exact) return pathname === item.href;
  return pathname === item.href || pathname.startsWith(`${item.href}/`);
}

export function SidebarNav({ label, groups }: { label: string; groups: NavGroup[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} data-testid="sidebar" className="px-3 py-4">
      {groups.map((group, i) => (
        <div key={group.label ?? i} className={i > 0 ? "mt-5" : undefined}>
          {group.label && (
            <p className="mb-1 px-3 text-xs font-semibold uppercase tracking-wide text-gray-600" id={`nav-group-${i}`}>
              {group.label}
            </p>
          )}
          <ul className="space-y-0.5" aria-labelledby={group.label ? `nav-group-${i}` : undefined}>
            {group.items.map((item) => {
              const active = isActive(pathname, item);
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={active ? "page" : undefined}
                    data-testid={`nav-${item.testId}`}
                    className={`group flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-blue-700 ${
                      active ? "bg-blue-50 text-blue-800" : "text-gray-700 hover:bg-gray-100 hover:text-gray-900"
                    }`}
                  >
                    <NavIcon name={item.icon} className={`size-5 shrink-0 ${active ? "text-blue-700" : "text-gray-500 group-hover:text-gray-700"}`} />
                    <span>{item.label}</span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
