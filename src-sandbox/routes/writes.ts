import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../context';
import { makeRecordId, nextSeq } from '../data/records';
import type { BackgroundCheckPackage, OrderKind, PackageTest } from '../data/types';
import { remoteIdFor } from '../data/vocab';
import { SandboxHttpError } from '../errors';
import { accountOf, state } from './types';

/**
 * The write endpoints the desk uses: result PATCHes for both order kinds and background-check
 * package CRUD. Every write is recorded (with what the sandbox answered) for tests to read back.
 */

interface PackageBody {
  name?: string | null;
  description?: string | null;
  tests?: { id?: string | null; name?: string | null; description?: string | null }[] | null;
}

const now = () => new Date().toISOString();

function registerResultRoute(
  app: FastifyInstance,
  ctx: SandboxContext,
  kind: OrderKind,
  segment: string,
): void {
  const specPath = `/unified/ats/${segment}/orders/{id}/result`;
  app.patch(
    specPath.replace('{id}', ':id'),
    { config: { stackone: 'unified', specPath } },
    async (request) => {
      const acc = accountOf(request);
      const { body } = state(request);
      const { id } = request.params as { id: string };
      const order = ctx.store.order(id);
      const bodyText = request.rawBody ?? null;
      const record = (status: number) =>
        ctx.writes.addResult({
          kind,
          orderId: id,
          accountId: acc.account.id,
          body,
          bodyText,
          status,
        });
      // An order of the other kind or of another linked account is as unknown as a made-up id.
      const found = order && order.kind === kind && order.account_id === acc.account.id;
      if (!found) {
        record(404);
        throw new SandboxHttpError(404, `Order ${id} not found`);
      }
      try {
        ctx.resultRules.apply(acc.account, id, body, bodyText ?? JSON.stringify(body));
      } catch (refusal) {
        if (refusal instanceof SandboxHttpError) record(refusal.statusCode);
        throw refusal;
      }
      record(200);
      return { statusCode: 200, message: 'Record updated successfully.', timestamp: now() };
    },
  );
}

function tests(
  acc: { index: number },
  packageId: string,
  input: PackageBody['tests'],
  existing: PackageTest[] = [],
): PackageTest[] {
  if (!input) return existing;
  return input.map((t, i) => {
    const old = t.id ? existing.find((e) => e.id === t.id) : undefined;
    return {
      id: old?.id ?? makeRecordId(acc.index, `test_of_${packageId}`, existing.length + i),
      remote_id: old?.remote_id ?? `test_${packageId}_${existing.length + i}`,
      name: t.name ?? old?.name ?? '',
      description: t.description ?? old?.description ?? null,
    };
  });
}

export function registerWriteRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  registerResultRoute(app, ctx, 'assessment', 'assessments');
  registerResultRoute(app, ctx, 'background_check', 'background_checks');

  const listPath = '/unified/ats/background_checks/packages';
  const itemPath = `${listPath}/{id}`;

  app.post(
    listPath,
    { config: { stackone: 'unified', specPath: listPath } },
    async (request, reply) => {
      const acc = accountOf(request);
      const body = (state(request).body ?? {}) as PackageBody;
      const seq = nextSeq(acc, 'package');
      const id = makeRecordId(acc.index, 'bgc_package', seq);
      const pkg: BackgroundCheckPackage = {
        id,
        remote_id: remoteIdFor(acc.account.provider, 'bgc_package', seq + 1),
        name: body.name ?? '',
        description: body.description ?? null,
        tests: tests(acc, id, body.tests),
      };
      acc.collections.background_check_packages.put(id, ctx.store.stamp(), pkg);
      const lost = ctx.faults.takeAmbiguousCreate();
      ctx.writes.addPackage({
        op: 'create',
        accountId: acc.account.id,
        packageId: id,
        body,
        status: lost === null ? 201 : lost === 'drop' ? 0 : lost,
      });
      if (lost === 'drop') {
        // Applied, but the caller never hears of it.
        request.raw.socket.destroy();
        return reply.hijack();
      }
      if (lost !== null) throw new SandboxHttpError(lost, 'Upstream timed out');
      return reply.code(201).send({
        statusCode: 201,
        message: 'Record created successfully.',
        timestamp: now(),
        data: { id, remote_id: pkg.remote_id },
      });
    },
  );

  app.patch(
    itemPath.replace('{id}', ':id'),
    { config: { stackone: 'unified', specPath: itemPath } },
    async (request) => {
      const acc = accountOf(request);
      const body = (state(request).body ?? {}) as PackageBody;
      const { id } = request.params as { id: string };
      const existing = acc.collections.background_check_packages.get(id);
      ctx.writes.addPackage({
        op: 'update',
        accountId: acc.account.id,
        packageId: id,
        body,
        status: existing ? 200 : 404,
      });
      if (!existing) throw new SandboxHttpError(404, `Package ${id} not found`);
      const updated: BackgroundCheckPackage = {
        ...existing,
        name: body.name ?? existing.name,
        description: body.description === undefined ? existing.description : body.description,
        tests: tests(acc, id, body.tests, existing.tests),
      };
      acc.collections.background_check_packages.put(id, ctx.store.stamp(), updated);
      return { statusCode: 200, message: 'Record updated successfully.', timestamp: now() };
    },
  );

  app.delete(
    itemPath.replace('{id}', ':id'),
    { config: { stackone: 'unified', specPath: itemPath } },
    async (request) => {
      const acc = accountOf(request);
      const { id } = request.params as { id: string };
      const removed = acc.collections.background_check_packages.remove(id);
      ctx.writes.addPackage({
        op: 'delete',
        accountId: acc.account.id,
        packageId: id,
        body: null,
        status: removed ? 200 : 404,
      });
      if (!removed) throw new SandboxHttpError(404, `Package ${id} not found`);
      // HTTP 200 with the body's statusCode 204, as the spec's DeleteResult example shows.
      return { statusCode: 204, message: 'Record deleted successfully.', timestamp: now() };
    },
  );
}
