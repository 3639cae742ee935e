import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import type { BgPackage, BgPackageValues } from '../../../../src-shared/contract';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { FieldError, FormRow } from '../../components/FormRow';
import { Icon } from '../../components/Icon';
import { call } from '../../lib/desk';
import { errorMessage } from '../../lib/errors';
import { BgFormSchema, bgToForm, type BgFormValues } from './package-forms';

/**
 * Create or change a background-check package in one customer's ATS. Nothing is sent from here:
 * the write is queued in the outbox, which sends it (and, after an unclear answer, looks before it
 * sends a create again).
 */
export function BgPackageEditor({
  accountId,
  customer,
  pkg,
  onQueued,
  onClose,
}: {
  accountId: string;
  customer: string;
  /** null: a new package. */
  pkg: BgPackage | null;
  onQueued: (message: string) => void;
  onClose: () => void;
}) {
  const formId = useId();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<BgFormValues, unknown, BgPackageValues>({
    resolver: zodResolver(BgFormSchema),
    defaultValues: bgToForm(pkg),
  });
  const { register, handleSubmit, formState, control } = form;
  const { errors, isSubmitting } = formState;
  const tests = useFieldArray({ control, name: 'tests' });

  async function submit(values: BgPackageValues) {
    setFormError(null);
    try {
      if (pkg?.id) await call('bg-packages:update', { accountId, id: pkg.id, values });
      else await call('bg-packages:create', { accountId, values });
      onQueued(
        pkg
          ? `The change to “${values.name}” is queued for ${customer}.`
          : `“${values.name}” is queued to be created for ${customer}.`,
      );
    } catch (e) {
      setFormError(errorMessage(e));
    }
  }

  return (
    <Dialog
      title={
        pkg
          ? `Edit “${pkg.name ?? pkg.id}” (${customer})`
          : `New background-check package for ${customer}`
      }
      onClose={onClose}
      className="dialog-wide"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="btn btn-primary" disabled={isSubmitting}>
            {pkg ? 'Queue change' : 'Queue package'}
          </button>
        </>
      }
    >
      <form
        id={formId}
        className="package-form"
        noValidate
        onSubmit={(e) => void handleSubmit(submit)(e)}
      >
        {formError ? <Alert title="Nothing was queued">{formError}</Alert> : null}
        <FormRow id={`${formId}-name`} label="Name" error={errors.name?.message}>
          {(a11y) => (
            <input
              {...a11y}
              {...register('name')}
              className="input"
              autoComplete="off"
              data-autofocus=""
            />
          )}
        </FormRow>
        <FormRow
          id={`${formId}-description`}
          label="Description"
          error={errors.description?.message}
        >
          {(a11y) => (
            <textarea {...a11y} {...register('description')} className="input textarea" rows={2} />
          )}
        </FormRow>
        <fieldset className="tests-fieldset">
          <legend>Tests</legend>
          {tests.fields.length === 0 ? (
            <p className="muted small">No tests yet. A package usually lists the checks it runs.</p>
          ) : (
            <ol className="test-list">
              {tests.fields.map((field, i) => {
                const nameError = errors.tests?.[i]?.name?.message;
                return (
                  <li key={field.id} className="test-row">
                    <label className="visually-hidden" htmlFor={`${formId}-test-${i}`}>
                      Test {i + 1} name
                    </label>
                    <input
                      id={`${formId}-test-${i}`}
                      {...register(`tests.${i}.name`)}
                      className="input"
                      placeholder="Name, e.g. Criminal record"
                      autoComplete="off"
                      aria-invalid={Boolean(nameError)}
                      aria-describedby={nameError ? `${formId}-test-${i}-error` : undefined}
                    />
                    <label className="visually-hidden" htmlFor={`${formId}-test-${i}-d`}>
                      Test {i + 1} description
                    </label>
                    <input
                      id={`${formId}-test-${i}-d`}
                      {...register(`tests.${i}.description`)}
                      className="input"
                      placeholder="Description (optional)"
                      autoComplete="off"
                    />
                    <button
                      type="button"
                      className="btn btn-quiet btn-small"
                      aria-label={`Remove test ${i + 1}`}
                      onClick={() => tests.remove(i)}
                    >
                      <Icon name="trash" size={12} />
                    </button>
                    {nameError ? (
                      <FieldError id={`${formId}-test-${i}-error`}>{nameError}</FieldError>
                    ) : null}
                  </li>
                );
              })}
            </ol>
          )}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => tests.append({ id: '', name: '', description: '' })}
          >
            <Icon name="plus" size={12} />
            Add test
          </button>
        </fieldset>
      </form>
    </Dialog>
  );
}
