/**
 * Checks a view or message payload against the Block Kit limits Slack enforces (see
 * shared/slack/platform.md §3–4). The fake Slack server uses it to refuse what real Slack would
 * refuse (`invalid_blocks`, `invalid_arguments`), and view-builder tests assert it returns nothing.
 *
 * Lengths are UTF-16 code units (`string.length`): at least as strict as Slack's character count,
 * so a payload that passes here does not fail there for length.
 */

export type PayloadKind = 'modal' | 'home' | 'message';

type Obj = Record<string, unknown>;

const KNOWN_BLOCK_TYPES = new Set([
  'actions',
  'context',
  'divider',
  'file',
  'header',
  'image',
  'input',
  'markdown',
  'rich_text',
  'section',
  'video',
]);

const SELECT_TYPES = new Set([
  'static_select',
  'multi_static_select',
  'external_select',
  'multi_external_select',
  'users_select',
  'multi_users_select',
  'conversations_select',
  'multi_conversations_select',
  'channels_select',
  'multi_channels_select',
]);

const OTHER_ELEMENT_TYPES = new Set([
  'button',
  'plain_text_input',
  'email_text_input',
  'url_text_input',
  'number_input',
  'datepicker',
  'timepicker',
  'datetimepicker',
  'checkboxes',
  'radio_buttons',
  'overflow',
  'image',
  'rich_text_input',
  'file_input',
]);

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Accumulates violations; every check names the path it looked at. */
class Violations {
  readonly list: string[] = [];

  add(path: string, problem: string): void {
    this.list.push(`${path}: ${problem}`);
  }

  /** an optional string no longer than `max` */
  maxLength(path: string, value: unknown, max: number): void {
    if (value === undefined) return;
    if (typeof value !== 'string') this.add(path, `must be a string, got ${typeof value}`);
    else if (value.length > max) this.add(path, `${value.length} chars > ${max}`);
  }

  /** a text object: `{ type: 'plain_text' | 'mrkdwn', text }` with 1..max chars */
  text(path: string, value: unknown, max: number, opts: { plainOnly?: boolean; required?: boolean } = {}): void {
    if (value === undefined) {
      if (opts.required) this.add(path, 'is required');
      return;
    }
    if (!isObj(value)) {
      this.add(path, 'must be a text object');
      return;
    }
    if (value.type !== 'plain_text' && value.type !== 'mrkdwn') {
      this.add(`${path}.type`, `must be plain_text or mrkdwn, got ${String(value.type)}`);
    } else if (opts.plainOnly && value.type !== 'plain_text') {
      this.add(`${path}.type`, 'must be plain_text');
    }
    if (typeof value.text !== 'string') this.add(`${path}.text`, 'must be a string');
    else if (value.text.length === 0) this.add(`${path}.text`, 'must not be empty');
    else if (value.text.length > max) this.add(`${path}.text`, `${value.text.length} chars > ${max}`);
  }

  count(path: string, value: unknown, max: number, min = 0): void {
    if (value === undefined) return;
    if (!Array.isArray(value)) this.add(path, 'must be an array');
    else if (value.length > max) this.add(path, `${value.length} items > ${max}`);
    else if (value.length < min) this.add(path, `${value.length} items < ${min}`);
  }
}

export function findBlockKitViolations(kind: PayloadKind, payload: unknown): string[] {
  const v = new Violations();
  if (!isObj(payload)) {
    v.add('(payload)', 'must be an object');
    return v.list;
  }
  if (kind === 'message') checkMessage(v, payload);
  else checkView(v, kind, payload);
  return v.list;
}

function checkMessage(v: Violations, m: Obj): void {
  v.maxLength('text', m.text, 40_000);
  const hasText = typeof m.text === 'string' && m.text.trim().length > 0;
  const hasBlocks = Array.isArray(m.blocks) && m.blocks.length > 0;
  if (!hasText && !hasBlocks) v.add('(message)', 'has neither text nor blocks');
  // Slack accepts it, but the notification and screen readers then show nothing useful.
  if (hasBlocks && !hasText) v.add('text', 'missing: send a top-level text fallback with blocks');
  if (m.blocks !== undefined) checkBlocks(v, m.blocks, 50);
}

function checkView(v: Violations, kind: 'modal' | 'home', view: Obj): void {
  if (view.type !== kind) v.add('type', `must be ${kind}, got ${String(view.type)}`);
  v.maxLength('callback_id', view.callback_id, 255);
  v.maxLength('private_metadata', view.private_metadata, 3000);
  v.maxLength('external_id', view.external_id, 255);
  if (kind === 'modal') {
    v.text('title', view.title, 24, { plainOnly: true, required: true });
    v.text('submit', view.submit, 24, { plainOnly: true });
    v.text('close', view.close, 24, { plainOnly: true });
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) v.add('submit', 'is required when the view has an input block');
  }
  if (view.blocks === undefined) v.add('blocks', 'is required');
  else checkBlocks(v, view.blocks, 100);
}

function checkBlocks(v: Violations, blocks: unknown, max: number): void {
  if (!Array.isArray(blocks)) {
    v.add('blocks', 'must be an array');
    return;
  }
  v.count('blocks', blocks, max);
  const seenBlockIds = new Map<string, number>();
  blocks.forEach((block, i) => {
    const path = `blocks[${i}]`;
    if (!isObj(block)) {
      v.add(path, 'must be an object');
      return;
    }
    if (block.block_id !== undefined) {
      v.maxLength(`${path}.block_id`, block.block_id, 255);
      if (typeof block.block_id === 'string') {
        const first = seenBlockIds.get(block.block_id);
        if (first !== undefined) v.add(`${path}.block_id`, `"${block.block_id}" repeats blocks[${first}].block_id`);
        else seenBlockIds.set(block.block_id, i);
      }
    }
    checkBlock(v, path, block);
  });
}

function checkBlock(v: Violations, path: string, b: Obj): void {
  const type = typeof b.type === 'string' ? b.type : String(b.type);
  if (!KNOWN_BLOCK_TYPES.has(type)) {
    v.add(`${path}.type`, `unknown block type "${type}"`);
    return;
  }
  switch (type) {
    case 'section':
      checkSection(v, path, b);
      break;
    case 'header':
      v.text(`${path}.text`, b.text, 150, { plainOnly: true, required: true });
      break;
    case 'context':
      checkContext(v, path, b);
      break;
    case 'actions':
      checkActions(v, path, b);
      break;
    case 'input':
      checkInput(v, path, b);
      break;
    case 'image':
      v.maxLength(`${path}.image_url`, b.image_url, 3000);
      v.maxLength(`${path}.alt_text`, b.alt_text, 2000);
      v.text(`${path}.title`, b.title, 2000, { plainOnly: true });
      break;
    default:
      break;
  }
}

function checkSection(v: Violations, path: string, b: Obj): void {
  if (b.text === undefined && b.fields === undefined) v.add(path, 'a section needs text or fields');
  v.text(`${path}.text`, b.text, 3000);
  if (b.fields !== undefined) {
    v.count(`${path}.fields`, b.fields, 10);
    if (Array.isArray(b.fields)) b.fields.forEach((f, i) => v.text(`${path}.fields[${i}]`, f, 2000));
  }
  if (b.accessory !== undefined) checkElement(v, `${path}.accessory`, b.accessory);
}

function checkContext(v: Violations, path: string, b: Obj): void {
  if (!Array.isArray(b.elements) || b.elements.length === 0) {
    v.add(`${path}.elements`, 'must be a non-empty array');
    return;
  }
  v.count(`${path}.elements`, b.elements, 10);
  b.elements.forEach((e, i) => {
    const ep = `${path}.elements[${i}]`;
    if (isObj(e) && e.type === 'image') v.maxLength(`${ep}.image_url`, e.image_url, 3000);
    else v.text(ep, e, 3000);
  });
}

function checkActions(v: Violations, path: string, b: Obj): void {
  if (!Array.isArray(b.elements) || b.elements.length === 0) {
    v.add(`${path}.elements`, 'must be a non-empty array');
    return;
  }
  v.count(`${path}.elements`, b.elements, 25);
  const actionIds = new Set<string>();
  b.elements.forEach((e, i) => {
    const ep = `${path}.elements[${i}]`;
    checkElement(v, ep, e);
    if (isObj(e) && typeof e.action_id === 'string') {
      if (actionIds.has(e.action_id)) v.add(`${ep}.action_id`, `"${e.action_id}" repeats within the block`);
      actionIds.add(e.action_id);
    }
  });
}

function checkInput(v: Violations, path: string, b: Obj): void {
  v.text(`${path}.label`, b.label, 2000, { plainOnly: true, required: true });
  v.text(`${path}.hint`, b.hint, 2000, { plainOnly: true });
  if (b.element === undefined) v.add(`${path}.element`, 'is required');
  else checkElement(v, `${path}.element`, b.element);
}

function checkElement(v: Violations, path: string, e: unknown): void {
  if (!isObj(e)) {
    v.add(path, 'must be an object');
    return;
  }
  const type = typeof e.type === 'string' ? e.type : String(e.type);
  if (!SELECT_TYPES.has(type) && !OTHER_ELEMENT_TYPES.has(type)) {
    v.add(`${path}.type`, `unknown element type "${type}"`);
    return;
  }
  v.maxLength(`${path}.action_id`, e.action_id, 255);
  v.text(`${path}.placeholder`, e.placeholder, 150, { plainOnly: true });
  if (e.confirm !== undefined) checkConfirm(v, `${path}.confirm`, e.confirm);
  if (type === 'button') checkButton(v, path, e);
  else if (type === 'plain_text_input') checkPlainTextInput(v, path, e);
  else if (SELECT_TYPES.has(type)) checkSelect(v, path, type, e);
  else if (type === 'overflow') checkOptions(v, `${path}.options`, e.options, 5, 2);
  else if (type === 'checkboxes' || type === 'radio_buttons') checkOptions(v, `${path}.options`, e.options, 10, 1);
}

function checkButton(v: Violations, path: string, e: Obj): void {
  v.text(`${path}.text`, e.text, 75, { plainOnly: true, required: true });
  v.maxLength(`${path}.value`, e.value, 2000);
  v.maxLength(`${path}.url`, e.url, 3000);
  v.maxLength(`${path}.accessibility_label`, e.accessibility_label, 75);
  checkStyle(v, `${path}.style`, e.style);
}

function checkStyle(v: Violations, path: string, style: unknown): void {
  if (style !== undefined && style !== 'primary' && style !== 'danger') {
    v.add(path, `must be primary or danger, got ${typeof style === 'string' ? style : JSON.stringify(style)}`);
  }
}

function checkPlainTextInput(v: Violations, path: string, e: Obj): void {
  const { min_length: min, max_length: max, initial_value: initial } = e;
  if (min !== undefined && (typeof min !== 'number' || min < 0 || min > 3000)) {
    v.add(`${path}.min_length`, `${JSON.stringify(min)} is outside 0..3000`);
  }
  if (max !== undefined && (typeof max !== 'number' || max < 1 || max > 3000)) {
    v.add(`${path}.max_length`, `${JSON.stringify(max)} is outside 1..3000`);
  }
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    v.add(`${path}.min_length`, `${min} > max_length ${max}`);
  }
  v.maxLength(`${path}.initial_value`, initial, typeof max === 'number' ? max : 3000);
}

function checkSelect(v: Violations, path: string, type: string, e: Obj): void {
  if (type.startsWith('multi_') && e.max_selected_items !== undefined) {
    if (typeof e.max_selected_items !== 'number' || e.max_selected_items < 1) {
      v.add(`${path}.max_selected_items`, `${JSON.stringify(e.max_selected_items)} < 1`);
    }
  }
  if (type === 'multi_users_select' && Array.isArray(e.initial_users) && typeof e.max_selected_items === 'number') {
    if (e.initial_users.length > e.max_selected_items) {
      v.add(`${path}.initial_users`, `${e.initial_users.length} items > max_selected_items ${e.max_selected_items}`);
    }
  }
  if (type === 'static_select' || type === 'multi_static_select') {
    if (e.options === undefined && e.option_groups === undefined) v.add(path, 'needs options or option_groups');
    if (e.options !== undefined) checkOptions(v, `${path}.options`, e.options, 100, 1);
    if (e.option_groups !== undefined) {
      v.count(`${path}.option_groups`, e.option_groups, 100);
      if (Array.isArray(e.option_groups)) {
        e.option_groups.forEach((g, i) => {
          const gp = `${path}.option_groups[${i}]`;
          if (!isObj(g)) v.add(gp, 'must be an object');
          else {
            v.text(`${gp}.label`, g.label, 75, { plainOnly: true, required: true });
            checkOptions(v, `${gp}.options`, g.options, 100, 1);
          }
        });
      }
    }
  }
  if (e.initial_option !== undefined) checkOption(v, `${path}.initial_option`, e.initial_option);
}

function checkOptions(v: Violations, path: string, options: unknown, max: number, min: number): void {
  if (!Array.isArray(options)) {
    v.add(path, 'must be an array');
    return;
  }
  v.count(path, options, max, min);
  options.forEach((o, i) => checkOption(v, `${path}[${i}]`, o));
}

function checkOption(v: Violations, path: string, o: unknown): void {
  if (!isObj(o)) {
    v.add(path, 'must be an object');
    return;
  }
  v.text(`${path}.text`, o.text, 75, { required: true });
  v.text(`${path}.description`, o.description, 75);
  // python SDK and docs allow 150; @slack/types says 75: keep the stricter bound
  if (o.value === undefined) v.add(`${path}.value`, 'is required');
  else v.maxLength(`${path}.value`, o.value, 75);
}

function checkConfirm(v: Violations, path: string, c: unknown): void {
  if (!isObj(c)) {
    v.add(path, 'must be an object');
    return;
  }
  v.text(`${path}.title`, c.title, 100, { plainOnly: true, required: true });
  v.text(`${path}.text`, c.text, 300, { required: true });
  v.text(`${path}.confirm`, c.confirm, 30, { plainOnly: true, required: true });
  v.text(`${path}.deny`, c.deny, 30, { plainOnly: true, required: true });
  checkStyle(v, `${path}.style`, c.style);
}
