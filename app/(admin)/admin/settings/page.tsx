import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SettingsForm, type SettingsFormValues } from "./_components/settings-form";
import { updateSiteSettingsAction } from "./actions";
import { requireUser } from "@/lib/auth";
import { can } from "@/lib/permissions";
import { getSiteSettingsForAdmin } from "@/lib/site";
import { SOCIAL_NETWORKS } from "@/lib/site/social";
import { listTimeZones } from "@/lib/site/timezone";

export const metadata: Metadata = { title: "Settings" };

export default async function AdminSettingsPage() {
  const actor = await requireUser();
  // As in Ghost, roles that cannot change the settings do not see the page at all.
  if (!can(actor, "site.manage")) notFound();
  const settings = await getSiteSettingsForAdmin(actor);
  const initial: SettingsFormValues = {
    title: settings.title,
    description: settings.description,
    logo: settings.logo ?? "",
    icon: settings.icon ?? "",
    defaultSocialImage: settings.defaultSocialImage ?? "",
    accentColor: settings.accentColor ?? "",
    navigation: settings.navigation,
    secondaryNavigation: settings.secondaryNavigation,
    social: Object.fromEntries(SOCIAL_NETWORKS.map((network) => [network, settings.social[network] ?? ""])) as SettingsFormValues["social"],
    timezone: settings.timezone,
    postsPerPage: String(settings.postsPerPage),
    codeInjectionHead: settings.codeInjectionHead,
    codeInjectionFoot: settings.codeInjectionFoot,
  };
  const timezones = listTimeZones();
  return (
    <div className="mx-auto max-w-3xl">
      <div className="mb-6">
        <h1 className="text-2xl font-bold tracking-tight">Settings</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">How the site looks to readers, what it links to, and how it pages and dates posts.</p>
      </div>
      <SettingsForm initial={initial} defaultTimezone={settings.fallbackTimezone} timezones={timezones} save={updateSiteSettingsAction} />
    </div>
  );
}
