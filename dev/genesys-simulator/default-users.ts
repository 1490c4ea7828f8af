/**
 * A small seeded directory. Alice and Bob talk to each other, so their exports merge into one
 * interleaved timeline. Two users share an address (ambiguous search), and Dana has no name
 * (the subject listing may omit it, reference §14). Ids are fixed so tests and the demo can name them.
 */
import type { SimUser } from './types.js';

export function defaultSimUsers(): SimUser[] {
  return [
    {
      id: 'a11ce000-0000-4000-8000-000000000001',
      name: 'Alice Martin',
      email: 'alice@example.com',
      messages: [
        { created: '2025-03-03T09:00:00.000Z', text: 'Morning Bob, did the supplier send the revised quote?' },
        {
          created: '2025-03-03T09:02:30.000Z',
          text: 'Great. Two things before we sign:\n1. the delivery window\n2. the penalty clause',
        },
        { created: '2025-03-03T09:07:45.000Z', text: 'Perfect, thanks!' },
      ],
    },
    {
      id: 'b0b00000-0000-4000-8000-000000000002',
      name: 'Bob Nguyen',
      email: 'bob@example.com',
      messages: [
        { created: '2025-03-03T09:01:10.000Z', text: 'Yes, it came in last night. Price is down 4%, delivery unchanged.' },
        { created: '2025-03-03T09:05:00.000Z', text: 'Delivery: 6 weeks, penalty: 2% per week, capped at 10%.' },
        { created: '2025-03-04T14:20:00.000Z', text: 'Signed copy is on the shared drive.' },
      ],
    },
    {
      id: 'ca401000-0000-4000-8000-000000000003',
      name: 'Carol Diaz',
      email: 'carol@example.com',
      messages: [
        { created: '2025-02-10T16:45:00.000Z', text: 'Reminder: quarterly access review is due Friday.' },
        { created: '2025-02-12T08:15:00.000Z', text: 'Done for the finance team.' },
      ],
    },
    {
      id: 'da1a0000-0000-4000-8000-000000000004',
      email: 'dana@example.com',
      messages: [{ created: '2025-01-20T11:00:00.000Z', text: 'Hello, I am new on the support desk.' }],
    },
    {
      id: '5a300000-0000-4000-8000-000000000005',
      name: 'Sam Lee',
      email: 'shared@example.com',
      messages: [{ created: '2025-03-01T10:00:00.000Z', text: 'Covering the shared inbox today.' }],
    },
    {
      id: '5a300000-0000-4000-8000-000000000006',
      name: 'Sam Lee (contractor)',
      email: 'shared@example.com',
      messages: [{ created: '2025-03-02T10:00:00.000Z', text: 'Shared inbox handed back, all tickets answered.' }],
    },
  ];
}
