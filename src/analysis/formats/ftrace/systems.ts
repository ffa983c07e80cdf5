/**
 * ftrace text prints events without their subsystem; tracelab names them `system:event` as perf does
 * (`sched:sched_switch`, `irq:softirq_entry`, `raw_syscalls:sys_enter`, `syscalls:sys_enter_read`,
 * `ftrace:funcgraph_entry`), so the kernel model reads ftrace text with its perf layout. Events of unknown
 * subsystems keep their bare name.
 */

const BY_PREFIX: [RegExp, string][] = [
  [/^sys_(enter|exit)$/, 'raw_syscalls'],
  [/^sys_(enter|exit)_/, 'syscalls'],
  [
    /^(funcgraph_entry|funcgraph_exit|function|print|bputs|bprint|kernel_stack|user_stack|raw_data)$/,
    'ftrace'
  ],
  [/^sched_/, 'sched'],
  [/^(irq_handler_|softirq_|tasklet_)/, 'irq'],
  [/^(hrtimer_|timer_|itimer_|tick_stop$)/, 'timer'],
  [/^workqueue_/, 'workqueue'],
  [
    /^(cpu_idle|cpu_frequency|cpu_frequency_limits|clock_|power_domain_|suspend_resume|wakeup_source_)/,
    'power'
  ],
  [/^block_/, 'block'],
  [/^(kmalloc|kfree|kmem_cache_|mm_page_)/, 'kmem'],
  [/^(net_dev_|netif_|napi_)/, 'net'],
  [/^signal_/, 'signal'],
  [/^task_(newtask|rename)$/, 'task'],
  [/^(ipi_)/, 'ipi'],
  [/^(tracing_mark_write)$/, 'ftrace']
];

/** `system:event` for a printed event name, or the name itself when its subsystem is unknown. */
export function qualifiedName(event: string): string {
  for (const [re, system] of BY_PREFIX) if (re.test(event)) return `${system}:${event}`;
  return event;
}
