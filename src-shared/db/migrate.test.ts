import { describe, expect, it } from 'vitest';
import { applyMigrations, MigrationError, type Migration } from './migrate';
import Database from 'better-sqlite3';

const m1: Migration = { version: 1, name: 'one', sql: 'CREATE TABLE a (id INTEGER PRIMARY KEY);' };
const m2: Migration = { version: 2, name: 'two', sql: 'CREATE TABLE b (id INTEGER PRIMARY KEY);' };

describe('applyMigrations', () => {
  it('applies pending migrations once, in order', () => {
    const db = new Database(':memory:');
    expect(applyMigrations(db, [m2, m1])).toEqual([1, 2]);
    expect(applyMigrations(db, [m1, m2])).toEqual([]);
    db.close();
  });

  it('refuses a migration that was edited after it was applied', () => {
    const db = new Database(':memory:');
    applyMigrations(db, [m1]);
    expect(() => applyMigrations(db, [{ ...m1, sql: m1.sql + ' -- edited' }])).toThrow(
      MigrationError,
    );
    db.close();
  });

  it('rolls back a failing migration entirely', () => {
    const db = new Database(':memory:');
    const bad: Migration = {
      version: 2,
      name: 'bad',
      sql: 'CREATE TABLE c (id INTEGER); CREATE TABLE c (id INTEGER);',
    };
    expect(() => applyMigrations(db, [m1, bad])).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'c'").get()).toBeUndefined();
    expect(applyMigrations(db, [m1])).toEqual([]);
    db.close();
  });

  it('refuses gaps and a database from a newer app', () => {
    const db = new Database(':memory:');
    expect(() => applyMigrations(db, [m2])).toThrow(/without gaps/);
    applyMigrations(db, [m1, m2]);
    expect(() => applyMigrations(db, [m1])).toThrow(/newer version/);
    db.close();
  });
});
