/**
 * `npm run tutor -- --module <slug> [--data-dir D] [--email E]`
 *
 * A terminal conversation with the tutor on a real database, through the same dispatcher
 * the app uses. Without --data-dir it uses a scratch folder (./.harv-data/tutor-cli) with a
 * "Terminal Learner" account; with --email it signs in as that learner (the password is asked
 * for, not echoed on a terminal, or read from the first line of piped input).
 *
 * In the chat: /progress, /memory (what the next reply will use), /finish, /quit.
 */
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startHarvCore } from '../main/app-core.ts';
import { databasePath } from '../main/db/data-dir.ts';
import type { TransportContext } from '../main/ipc/dispatcher.ts';
import type { Channel, ChannelInput, ChannelOutput } from '../src/shared/contract/channels.ts';

const { values } = parseArgs({
  options: {
    module: { type: 'string' },
    'data-dir': { type: 'string' },
    email: { type: 'string' },
    list: { type: 'boolean', default: false },
  },
});

const dataDir = values['data-dir'] ?? join(process.cwd(), '.harv-data', 'tutor-cli');
const core = await startHarvCore({ filename: databasePath(dataDir) });
let token: string | null = null;
const transport = (): TransportContext => ({
  sessionToken: token,
  clientKey: 'terminal',
  isLocal: true,
  setSession: (t) => {
    token = t;
  },
});
async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const res = await core.dispatcher.dispatch(channel, input, transport());
  if (!res.ok) throw new Error(`${res.error.message} (${res.error.code})`);
  return res.data as ChannelOutput<C>;
}

const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY === true });
const lines = rl[Symbol.asyncIterator]();
// On a terminal the password is not echoed as it is typed (readline echoes through this hook).
let hideTyping = false;
if (process.stdin.isTTY) {
  const echo = rl as unknown as { _writeToOutput(s: string): void };
  const write = echo._writeToOutput.bind(rl);
  echo._writeToOutput = (s: string) => {
    if (!hideTyping) write(s);
  };
}

async function nextLine(prompt: string): Promise<string | null> {
  if (process.stdin.isTTY) process.stdout.write(prompt);
  const { value, done } = await lines.next();
  return done ? null : String(value);
}

async function exit(code: number): Promise<never> {
  rl.close();
  await core.close();
  process.exit(code);
}

try {
  const info = await call('app:info', {});
  if (values.email) {
    hideTyping = true;
    const password = (await nextLine('Password: ')) ?? '';
    hideTyping = false;
    if (process.stdin.isTTY) process.stdout.write('\n');
    await call('auth:login', { email: values.email, password });
  } else if (!info.setupDone) {
    await call('app:setup', {
      mode: 'personal',
      admin: { email: 'terminal@harv.local', password: 'terminal learner', name: 'Terminal Learner' },
    });
  } else {
    try {
      await call('auth:login', { email: 'terminal@harv.local', password: 'terminal learner' });
    } catch {
      console.error('This database belongs to someone. Sign in as one of its learners with --email you@example.org.');
      await exit(2);
    }
  }
  const { modules } = await call('modules:list', {});
  if (values.list || !values.module) {
    console.log('Modules:');
    for (const m of modules) console.log(`  ${m.slug.padEnd(44)} ${m.title}`);
    if (!values.module) console.log('\nStart one with: npm run tutor -- --module <slug>');
    await exit(values.module ? 0 : 2);
  }
  const mod = modules.find((m) => m.slug === values.module);
  if (!mod) {
    console.error(`No module "${values.module}". Try --list.`);
    await exit(2);
  }
  const { conversation, messages } = await call('conversations:start', { moduleId: mod!.id });
  console.log(`\n${mod!.title}  (type /progress, /memory, /finish or /quit)\n`);
  for (const m of messages) console.log(`Tutor: ${m.content}\n`);
  for (;;) {
    const line = await nextLine('You: ');
    if (line === null || line.trim() === '/quit') break;
    const text = line.trim();
    if (text === '') continue;
    if (text === '/progress') {
      const p = await call('progress:module', { moduleId: mod!.id });
      console.log(`Progress: ${p.progress?.completionPercentage ?? 0}% — ${p.concepts.map((c) => `${c.mastered ? '✓' : '·'} ${c.title}`).join(', ')}\n`);
      continue;
    }
    if (text === '/memory') {
      const ctx = await call('memory:context', { conversationId: conversation.id });
      console.log(JSON.stringify({ profile: ctx.profile, concepts: ctx.module.concepts, prior: ctx.priorKnowledge }, null, 2), '\n');
      continue;
    }
    if (text === '/finish') {
      const done = await call('conversations:finalize', { id: conversation.id });
      if (done.closing) console.log(`Tutor: ${done.closing.content}\n`);
      break;
    }
    const sent = await call('messages:send', { conversationId: conversation.id, content: text });
    if (sent.reply) console.log(`Tutor: ${sent.reply.content}\n`);
    if (sent.progress?.isCompleted) console.log('(Module complete.)\n');
  }
  await exit(0);
} catch (err) {
  console.error((err as Error).message);
  await exit(1);
}
