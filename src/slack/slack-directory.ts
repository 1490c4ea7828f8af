/**
 * Who people are in Slack: profiles (for email, time zone, bots, deactivated accounts) and user-group
 * membership (requesters and approvers may be listed as groups). Cached briefly: a permission change
 * in Slack takes effect within `ttlMs`.
 */
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { MembershipPort } from '../workflow/ports.js';

export interface SlackPerson {
  id: string;
  name: string;
  email?: string;
  isBot: boolean;
  deleted: boolean;
  tz?: string;
  /** Slack's locale tag for the person ("fr-FR"), when Slack gives it */
  locale?: string;
}

const userInfoSchema = z.object({
  user: z.object({
    id: z.string(),
    name: z.string().optional(),
    real_name: z.string().optional(),
    deleted: z.boolean().optional(),
    is_bot: z.boolean().optional(),
    tz: z.string().optional(),
    locale: z.string().optional(),
    profile: z
      .object({ email: z.string().optional(), real_name: z.string().optional(), display_name: z.string().optional() })
      .optional(),
  }),
});

const groupUsersSchema = z.object({ users: z.array(z.string()) });

interface CacheEntry<T> {
  value: Promise<T>;
  until: number;
}

export interface SlackDirectoryOptions {
  client: WebClient;
  ttlMs?: number;
  now?: () => number;
}

export class SlackDirectory implements MembershipPort {
  private readonly client: WebClient;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly people = new Map<string, CacheEntry<SlackPerson | undefined>>();
  private readonly groups = new Map<string, CacheEntry<string[]>>();

  constructor(options: SlackDirectoryOptions) {
    this.client = options.client;
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** undefined when Slack does not know the user */
  person(userId: string): Promise<SlackPerson | undefined> {
    return this.cached(this.people, userId, async () => {
      try {
        const raw = await this.client.users.info({ user: userId, include_locale: true });
        const { user } = userInfoSchema.parse(raw);
        return {
          id: user.id,
          name: user.profile?.real_name || user.real_name || user.profile?.display_name || user.name || user.id,
          email: user.profile?.email || undefined,
          isBot: user.is_bot === true,
          deleted: user.deleted === true,
          tz: user.tz,
          locale: user.locale,
        };
      } catch (e) {
        if (slackErrorCode(e) === 'user_not_found') return undefined;
        throw e;
      }
    });
  }

  async isMember(userId: string, ids: readonly string[]): Promise<boolean> {
    if (ids.includes(userId)) return true;
    for (const id of ids) {
      if (id.startsWith('S') && (await this.groupMembers(id)).includes(userId)) return true;
    }
    return false;
  }

  async expand(ids: readonly string[]): Promise<string[]> {
    const out = new Set<string>();
    for (const id of ids) {
      if (id.startsWith('S')) for (const member of await this.groupMembers(id)) out.add(member);
      else out.add(id);
    }
    return [...out];
  }

  private groupMembers(groupId: string): Promise<string[]> {
    return this.cached(this.groups, groupId, async () => {
      const raw = await this.client.usergroups.users.list({ usergroup: groupId });
      return groupUsersSchema.parse(raw).users;
    });
  }

  private cached<T>(cache: Map<string, CacheEntry<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    if (hit && hit.until > this.now()) return hit.value;
    const value = load();
    cache.set(key, { value, until: this.now() + this.ttlMs });
    // a failed look-up must not be cached
    value.catch(() => cache.delete(key));
    return value;
  }
}

/** The `error` string of a Slack Web API platform error, if it is one. */
export function slackErrorCode(e: unknown): string | undefined {
  const data = (e as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}
