import { test } from 'vitest';
import assert from 'node:assert/strict';
import { neighbourPages, staffPage } from '../../desk/src/lib/staff-pages';

const links = (page: 'desk' | 'board' | 'admin', role: string) => neighbourPages(page, role).map((p) => p.href);

test('header links: each staff page links to the neighbouring pages the role may open', () => {
  assert.deepEqual(links('desk', 'agent'), [], 'an agent has only the desk');
  assert.deepEqual(links('desk', 'supervisor'), ['./board.html']);
  assert.deepEqual(links('desk', 'admin'), ['./board.html'], 'admin is two pages away from the desk');
  assert.deepEqual(links('board', 'supervisor'), ['./index.html']);
  assert.deepEqual(links('board', 'admin'), ['./index.html', './admin.html']);
  assert.deepEqual(links('admin', 'admin'), ['./board.html']);
});

test('who may open each page', () => {
  assert.deepEqual(staffPage('desk').roles, ['agent', 'supervisor', 'admin']);
  assert.deepEqual(staffPage('board').roles, ['supervisor', 'admin']);
  assert.deepEqual(staffPage('admin').roles, ['admin']);
});
