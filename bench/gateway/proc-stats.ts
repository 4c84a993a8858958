/** CPU time and memory of another process, read from Linux /proc so every target is measured the same way. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

/** Clock ticks per second used by /proc CPU counters (`getconf CLK_TCK`, 100 on almost every Linux). */
export function clockTicksPerSecond(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
}

/** User plus system CPU time of the whole process (all threads) so far, in clock ticks. */
export function readCpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces or parentheses, so count fields from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 (utime) and 15 (stime) of the full line are at 11 and 12 once pid and name are dropped.
  return Number(fields[11]) + Number(fields[12]);
}

/** Current and peak resident set size of a process, in bytes. */
export interface MemoryStats {
  rssBytes: number;
  peakRssBytes: number;
}

function statusField(status: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(status);
  return match?.[1] === undefined ? 0 : Number(match[1]) * 1024;
}

/** Reads VmRSS and VmHWM of a process. */
export function readMemory(pid: number): MemoryStats {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rssBytes: statusField(status, 'VmRSS'), peakRssBytes: statusField(status, 'VmHWM') };
}

/** Resets a process's peak RSS to its current RSS, so the next peak covers only what follows; false if refused. */
export function resetPeakMemory(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** A process and all its descendants (a cluster's primary and its workers), read from /proc. */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const child = Number(entry);
    if (!Number.isInteger(child)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${child}/stat`, 'utf8');
    } catch {
      continue;
    }
    // The parent pid is field 4, the second after the command name.
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const tree = [pid];
  for (let index = 0; index < tree.length; index++) tree.push(...(children.get(tree[index] ?? -1) ?? []));
  return tree;
}

/** CPU ticks of a process and its descendants together; a process that exits meanwhile counts as 0. */
export function readTreeCpuTicks(pids: readonly number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      total += readCpuTicks(pid);
    } catch {
      // Gone since the tree was read.
    }
  }
  return total;
}

/** Current and peak RSS summed over processes (the peaks of workers may not coincide: an upper bound). */
export function readTreeMemory(pids: readonly number[]): MemoryStats {
  const total = { rssBytes: 0, peakRssBytes: 0 };
  for (const pid of pids) {
    try {
      const memory = readMemory(pid);
      total.rssBytes += memory.rssBytes;
      total.peakRssBytes += memory.peakRssBytes;
    } catch {
      // Gone since the tree was read.
    }
  }
  return total;
}
