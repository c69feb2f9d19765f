import { describe, expect, it } from 'vitest';
import { allowedTaskActions, canSeeTask, type Grant, type Principal, type TaskSituation } from './access.js';

// Paths: /1/ Government, /6/ People's Committee, /6/32/ a district, /6/32/70/ its division, /6/33/ another district, /6/14/ a department.
const grant = (role: Grant['role'], scopePath: string, fieldCodes: string[] = []): Grant => ({
  role,
  scopeUnitId: 0,
  scopePath,
  fieldCodes,
});
const who = (userId: number, ...grants: Grant[]): Principal => ({ userId, unitId: 0, grants });

const task = (over: Partial<TaskSituation> = {}): TaskSituation => ({
  assignerPath: '/6/',
  leadPath: '/6/32/',
  coordinatorPaths: ['/6/14/'],
  assigneeUserId: null,
  fieldCode: 'xay_dung',
  state: 'assigned',
  deadline: '2026-06-30',
  hasPendingExtension: false,
  today: '2026-06-01',
  ...over,
});

const officer = who(1, grant('officer', '/6/'));
const clerk = who(2, grant('clerk', '/6/32/'));
const otherClerk = who(3, grant('clerk', '/6/33/'));
const coordinatorClerk = who(4, grant('clerk', '/6/14/'));
const leaderBuild = who(5, grant('leader', '/6/', ['xay_dung']));
const leaderHealth = who(6, grant('leader', '/6/', ['y_te']));
const staff = who(7, grant('staff', '/6/32/70/'));
const inspector = who(8, grant('inspector', '/6/'));

describe('canSeeTask', () => {
  it.each([
    ['the office', officer, true],
    ['the lead unit clerk', clerk, true],
    ['another district clerk', otherClerk, false],
    ['a coordinating unit clerk', coordinatorClerk, true],
    ['a leader of the field', leaderBuild, true],
    ['a leader of another field', leaderHealth, false],
    ['a staff member it was not handed to', staff, false],
    ['an inspector city-wide', inspector, true],
  ] as const)('%s: %s', (_n, p, expected) => {
    expect(canSeeTask(p, task())).toBe(expected);
  });

  it('lets staff see what was handed to them', () => {
    expect(canSeeTask(staff, task({ leadPath: '/6/32/70/', assigneeUserId: 7 }))).toBe(true);
  });
});

describe('allowedTaskActions', () => {
  it('gives the lead unit receive, the office the assigner actions', () => {
    expect(allowedTaskActions(clerk, task())).toEqual(
      expect.arrayContaining(['receive', 'request_extension', 'hand_down', 'comment']),
    );
    expect(allowedTaskActions(clerk, task())).not.toContain('withdraw');
    expect(allowedTaskActions(officer, task())).toEqual(
      expect.arrayContaining(['reassign', 'withdraw', 'cancel', 'urge']),
    );
    expect(allowedTaskActions(officer, task())).not.toContain('receive');
  });

  it('allows an extension request on the deadline day, not after it', () => {
    expect(allowedTaskActions(clerk, task({ state: 'received', today: '2026-06-30' }))).toContain('request_extension');
    expect(allowedTaskActions(clerk, task({ state: 'received', today: '2026-07-01' }))).not.toContain(
      'request_extension',
    );
    expect(allowedTaskActions(clerk, task({ state: 'received', hasPendingExtension: true }))).not.toContain(
      'request_extension',
    );
  });

  it('lets the assigner decide a pending extension and confirm a reported completion', () => {
    expect(allowedTaskActions(officer, task({ hasPendingExtension: true }))).toContain('decide_extension');
    expect(allowedTaskActions(leaderBuild, task({ state: 'completion_reported' }))).toEqual(
      expect.arrayContaining(['confirm', 'return']),
    );
    expect(allowedTaskActions(clerk, task({ state: 'completion_reported' }))).not.toContain('confirm');
  });

  it('lets the city office act for the Government on its directives', () => {
    expect(allowedTaskActions(officer, task({ assignerPath: '/1/', state: 'completion_reported' }))).toContain(
      'confirm',
    );
    expect(
      allowedTaskActions(
        who(9, grant('officer', '/6/32/')),
        task({ assignerPath: '/1/', state: 'completion_reported' }),
      ),
    ).not.toContain('confirm');
  });

  it('closes everything but comments, the undo of a mistaken confirmation and an explanation request on a finished task, and nothing for one you cannot see', () => {
    expect(allowedTaskActions(officer, task({ state: 'completed' }))).toEqual([
      'comment',
      'undo_decision',
      'request_explanation',
    ]);
    expect(allowedTaskActions(officer, task({ state: 'withdrawn' }))).toEqual(['comment']);
    expect(allowedTaskActions(otherClerk, task())).toEqual([]);
  });

  it('does not let staff hand work further down', () => {
    const handed = task({ leadPath: '/6/32/70/', assigneeUserId: 7, state: 'received' });
    expect(allowedTaskActions(staff, handed)).toEqual(expect.arrayContaining(['progress', 'report_completion']));
    expect(allowedTaskActions(staff, handed)).not.toContain('hand_down');
  });
});
