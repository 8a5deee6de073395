/**
 * IPv4 and IPv6 addresses and CIDR blocks for `IpAddress` / `NotIpAddress`. Both families are held
 * as 16-bit groups (2 for IPv4, 8 for IPv6); an address only ever matches a block of its own
 * family.
 * @module
 */

export interface Cidr {
  readonly groups: readonly number[];
  readonly prefix: number;
}

/** Dotted decimal; a leading zero would read as octal in some parsers, so it is refused. */
const IPV4 = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;
const PREFIX = /^\d{1,3}$/;
/** The longest textual IPv6 address (with an embedded IPv4 address) is 45 characters. */
const MAX_ADDRESS = 45;

function parseIPv4(text: string): number[] | undefined {
  const m = IPV4.exec(text);
  if (!m) return undefined;
  const octets = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  if (octets.some((octet) => octet > 255)) return undefined;
  return [(octets[0] << 8) | octets[1], (octets[2] << 8) | octets[3]];
}

/** The 16-bit groups of one side of a `::`; only the very last group may be an embedded IPv4 address. */
function hexGroups(text: string, last: boolean): number[] | undefined {
  if (text === '') return [];
  const groups: number[] = [];
  const pieces = text.split(':');
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    if (HEX_GROUP.test(piece)) {
      groups.push(parseInt(piece, 16));
      continue;
    }
    const v4 = last && i === pieces.length - 1 ? parseIPv4(piece) : undefined;
    if (!v4) return undefined;
    groups.push(...v4);
  }
  return groups;
}

function parseIPv6(text: string): number[] | undefined {
  const gap = text.indexOf('::');
  if (gap < 0) {
    const groups = hexGroups(text, true);
    return groups?.length === 8 ? groups : undefined;
  }
  if (text.indexOf('::', gap + 1) >= 0) return undefined;
  const head = hexGroups(text.slice(0, gap), false);
  const tail = hexGroups(text.slice(gap + 2), true);
  if (!head || !tail || head.length + tail.length > 7) return undefined;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/** An address as 16-bit groups, or undefined. */
export function parseAddress(text: string): number[] | undefined {
  if (text.length > MAX_ADDRESS) return undefined;
  return text.includes(':') ? parseIPv6(text) : parseIPv4(text);
}

/** `address/prefix`, or a plain address (a block of one). Host bits after the prefix are ignored. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const groups = parseAddress(slash < 0 ? text : text.slice(0, slash));
  if (!groups) return undefined;
  const bits = groups.length * 16;
  if (slash < 0) return { groups, prefix: bits };
  const prefixText = text.slice(slash + 1);
  const prefix = Number(prefixText);
  if (!PREFIX.test(prefixText) || prefix > bits) return undefined;
  return { groups, prefix };
}

export function inCidr(cidr: Cidr, groups: readonly number[]): boolean {
  if (groups.length !== cidr.groups.length) return false;
  let left = cidr.prefix;
  for (let i = 0; left > 0; i++, left -= 16) {
    const mask = left >= 16 ? 0xffff : (0xffff << (16 - left)) & 0xffff;
    if ((groups[i] & mask) !== (cidr.groups[i] & mask)) return false;
  }
  return true;
}
