import { describe, expect, it } from 'vitest';
import { findBlockKitViolations } from '../../../dev/fake-slack/block-kit-limits.js';

const plain = (text: string) => ({ type: 'plain_text', text });
const md = (text: string) => ({ type: 'mrkdwn', text });
const x = (n: number) => 'x'.repeat(n);

const okModal = () => ({
  type: 'modal',
  callback_id: 'cb',
  title: plain('Title'),
  submit: plain('Go'),
  close: plain('Cancel'),
  blocks: [
    { type: 'section', block_id: 'intro', text: md('Hello') },
    {
      type: 'input',
      block_id: 'name',
      label: plain('Name'),
      element: { type: 'plain_text_input', action_id: 'name_input', max_length: 100 },
    },
  ] as unknown[],
});

const modalWith = (block: unknown) => ({ ...okModal(), blocks: [block] });
const messageWith = (block: unknown) => ({ text: 'fallback', blocks: [block] });
const button = (over: Record<string, unknown> = {}) => ({
  type: 'button',
  action_id: 'a',
  text: plain('Press'),
  value: 'v',
  ...over,
});
const actions = (...elements: unknown[]) => ({ type: 'actions', elements });
const selectWith = (over: Record<string, unknown>) =>
  modalWith({
    type: 'input',
    label: plain('Pick'),
    element: { type: 'static_select', action_id: 's', options: [{ text: plain('A'), value: 'a' }], ...over },
  });

describe('findBlockKitViolations', () => {
  it('accepts well-formed modal, home and message payloads', () => {
    expect(findBlockKitViolations('modal', okModal())).toEqual([]);
    expect(findBlockKitViolations('home', { type: 'home', blocks: [{ type: 'divider' }] })).toEqual([]);
    expect(findBlockKitViolations('message', { text: 'hi' })).toEqual([]);
    expect(findBlockKitViolations('message', messageWith(actions(button({ style: 'danger' }))))).toEqual([]);
  });

  it('rejects payloads that are not objects, without throwing', () => {
    for (const bad of [null, undefined, 42, 'view', []]) {
      expect(findBlockKitViolations('modal', bad)).toEqual(['(payload): must be an object']);
    }
  });

  it('names the path and the numbers of an over-long section text', () => {
    const view = { ...okModal(), blocks: [{ type: 'divider' }, { type: 'divider' }, { type: 'divider' }, { type: 'section', text: md(x(3012)) }] };
    expect(findBlockKitViolations('modal', view)).toEqual(['blocks[3].text.text: 3012 chars > 3000']);
  });

  it.each([
    ['title', { title: plain(x(25)) }, 'title.text: 25 chars > 24'],
    ['submit', { submit: plain(x(25)) }, 'submit.text: 25 chars > 24'],
    ['close', { close: plain(x(25)) }, 'close.text: 25 chars > 24'],
    ['title must be plain_text', { title: md('Title') }, 'title.type: must be plain_text'],
    ['missing title', { title: undefined }, 'title: is required'],
    ['callback_id', { callback_id: x(256) }, 'callback_id: 256 chars > 255'],
    ['private_metadata', { private_metadata: x(3001) }, 'private_metadata: 3001 chars > 3000'],
    ['missing submit with an input', { submit: undefined }, 'submit: is required when the view has an input block'],
    ['wrong view type', { type: 'home' }, 'type: must be modal, got home'],
  ])('modal: %s', (_name, override, expected) => {
    expect(findBlockKitViolations('modal', { ...okModal(), ...override })).toContain(expected);
  });

  it('counts blocks: 100 in a modal or home, 50 in a message', () => {
    const blocks = (n: number) => Array.from({ length: n }, () => ({ type: 'divider' }));
    expect(findBlockKitViolations('modal', { ...okModal(), submit: undefined, blocks: blocks(100) })).toEqual([]);
    expect(findBlockKitViolations('home', { type: 'home', blocks: blocks(101) })).toEqual(['blocks: 101 items > 100']);
    expect(findBlockKitViolations('message', { text: 't', blocks: blocks(50) })).toEqual([]);
    expect(findBlockKitViolations('message', { text: 't', blocks: blocks(51) })).toEqual(['blocks: 51 items > 50']);
  });

  it('requires unique block ids of at most 255 chars', () => {
    const view = {
      type: 'home',
      blocks: [
        { type: 'divider', block_id: 'a' },
        { type: 'divider', block_id: 'a' },
        { type: 'divider', block_id: x(256) },
      ],
    };
    expect(findBlockKitViolations('home', view)).toEqual([
      'blocks[1].block_id: "a" repeats blocks[0].block_id',
      `blocks[2].block_id: 256 chars > 255`,
    ]);
  });

  it.each([
    ['unknown block type', { type: 'carousel_of_doom' }, 'blocks[0].type: unknown block type "carousel_of_doom"'],
    ['empty section text', { type: 'section', text: md('') }, 'blocks[0].text.text: must not be empty'],
    ['section without text or fields', { type: 'section' }, 'blocks[0]: a section needs text or fields'],
    ['too many fields', { type: 'section', fields: Array.from({ length: 11 }, () => md('f')) }, 'blocks[0].fields: 11 items > 10'],
    ['long field', { type: 'section', fields: [md(x(2001))] }, 'blocks[0].fields[0].text: 2001 chars > 2000'],
    ['long header', { type: 'header', text: plain(x(151)) }, 'blocks[0].text.text: 151 chars > 150'],
    ['mrkdwn header', { type: 'header', text: md('h') }, 'blocks[0].text.type: must be plain_text'],
    ['context elements', { type: 'context', elements: Array.from({ length: 11 }, () => md('c')) }, 'blocks[0].elements: 11 items > 10'],
    ['actions elements', actions(...Array.from({ length: 26 }, (_, i) => button({ action_id: `a${i}` }))), 'blocks[0].elements: 26 items > 25'],
    ['duplicate action ids', actions(button(), button()), 'blocks[0].elements[1].action_id: "a" repeats within the block'],
    ['long action id', actions(button({ action_id: x(256) })), 'blocks[0].elements[0].action_id: 256 chars > 255'],
    ['button text', actions(button({ text: plain(x(76)) })), 'blocks[0].elements[0].text.text: 76 chars > 75'],
    ['button value', actions(button({ value: x(2001) })), 'blocks[0].elements[0].value: 2001 chars > 2000'],
    ['button url', actions(button({ url: `https://e.com/${x(3000)}` })), 'blocks[0].elements[0].url: 3014 chars > 3000'],
    ['button style', actions(button({ style: 'warning' })), 'blocks[0].elements[0].style: must be primary or danger, got warning'],
    ['unknown element', actions({ type: 'slider', action_id: 's' }), 'blocks[0].elements[0].type: unknown element type "slider"'],
    [
      'confirm title',
      actions(button({ confirm: { title: plain(x(101)), text: md('t'), confirm: plain('Yes'), deny: plain('No') } })),
      'blocks[0].elements[0].confirm.title.text: 101 chars > 100',
    ],
    [
      'confirm text',
      actions(button({ confirm: { title: plain('t'), text: md(x(301)), confirm: plain('Yes'), deny: plain('No') } })),
      'blocks[0].elements[0].confirm.text.text: 301 chars > 300',
    ],
    [
      'confirm buttons',
      actions(button({ confirm: { title: plain('t'), text: md('t'), confirm: plain(x(31)), deny: plain('No') } })),
      'blocks[0].elements[0].confirm.confirm.text: 31 chars > 30',
    ],
  ])('message block: %s', (_name, block, expected) => {
    expect(findBlockKitViolations('message', messageWith(block))).toContain(expected);
  });

  it.each([
    ['label', { type: 'input', label: plain(x(2001)), element: { type: 'plain_text_input', action_id: 'i' } }, 'blocks[0].label.text: 2001 chars > 2000'],
    ['hint', { type: 'input', label: plain('L'), hint: plain(x(2001)), element: { type: 'plain_text_input', action_id: 'i' } }, 'blocks[0].hint.text: 2001 chars > 2000'],
    ['missing element', { type: 'input', label: plain('L') }, 'blocks[0].element: is required'],
    ['max_length', { type: 'input', label: plain('L'), element: { type: 'plain_text_input', action_id: 'i', max_length: 3001 } }, 'blocks[0].element.max_length: 3001 is outside 1..3000'],
    ['min > max', { type: 'input', label: plain('L'), element: { type: 'plain_text_input', action_id: 'i', min_length: 20, max_length: 10 } }, 'blocks[0].element.min_length: 20 > max_length 10'],
    ['initial_value over max_length', { type: 'input', label: plain('L'), element: { type: 'plain_text_input', action_id: 'i', max_length: 3, initial_value: 'abcd' } }, 'blocks[0].element.initial_value: 4 chars > 3'],
    ['placeholder', { type: 'input', label: plain('L'), element: { type: 'plain_text_input', action_id: 'i', placeholder: plain(x(151)) } }, 'blocks[0].element.placeholder.text: 151 chars > 150'],
    ['max_selected_items', { type: 'input', label: plain('L'), element: { type: 'multi_users_select', action_id: 'u', max_selected_items: 0 } }, 'blocks[0].element.max_selected_items: 0 < 1'],
    [
      'initial_users over max_selected_items',
      { type: 'input', label: plain('L'), element: { type: 'multi_users_select', action_id: 'u', max_selected_items: 1, initial_users: ['U1', 'U2'] } },
      'blocks[0].element.initial_users: 2 items > max_selected_items 1',
    ],
  ])('input: %s', (_name, block, expected) => {
    expect(findBlockKitViolations('modal', modalWith(block))).toContain(expected);
  });

  it('checks select options: count, text and value', () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ text: plain(`o${i}`), value: `v${i}` }));
    expect(findBlockKitViolations('modal', selectWith({ options: many }))).toContain('blocks[0].element.options: 101 items > 100');
    expect(findBlockKitViolations('modal', selectWith({ options: [{ text: plain(x(76)), value: 'v' }] }))).toContain(
      'blocks[0].element.options[0].text.text: 76 chars > 75',
    );
    expect(findBlockKitViolations('modal', selectWith({ options: [{ text: plain('A'), value: x(76) }] }))).toContain(
      'blocks[0].element.options[0].value: 76 chars > 75',
    );
    expect(findBlockKitViolations('modal', selectWith({ options: undefined }))).toContain(
      'blocks[0].element: needs options or option_groups',
    );
  });

  it('checks message text: length, and a fallback next to blocks', () => {
    expect(findBlockKitViolations('message', { text: x(40_001) })).toEqual(['text: 40001 chars > 40000']);
    expect(findBlockKitViolations('message', {})).toEqual(['(message): has neither text nor blocks']);
    expect(findBlockKitViolations('message', { blocks: [{ type: 'divider' }] })).toEqual([
      'text: missing: send a top-level text fallback with blocks',
    ]);
  });
});
