import { useForm } from '@mantine/form';
import { useMutation, type UseMutationResult } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n.js';
import { useFormat } from '../lib/format.js';
import { formProblems, type ProblemForm, type ProblemOptions } from './form-problems.js';

// Mantine's own constraint: an interface of values has no index signature, so `unknown` would refuse it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type FormValues = Record<string, any>;
/** Mantine's form input and form (their type names are not exported by the package's ESM typings). */
type FormInput<Values extends FormValues> = NonNullable<Parameters<typeof useForm<Values>>[0]>;
type Form<Values extends FormValues> = ReturnType<typeof useForm<Values>>;

export interface ApiFormOptions<Values extends FormValues, Result, Variables> extends ProblemOptions {
  /** Given to Mantine's `useForm` (initial values, client-side validation…). */
  form: FormInput<Values>;
  /** Sends the form (a feature's `api.ts` function). */
  mutationFn: (variables: Variables) => Promise<Result>;
  /** What the server receives, from the form's values; `null` sends nothing. Defaults to the values themselves. */
  toVariables?: (values: Values) => Variables | null;
  onSuccess?: (result: Result, variables: Variables) => unknown;
  /** An error this form answers itself (e.g. a taken name on its field): return true and nothing else is shown. */
  handleError?: (error: unknown) => boolean;
}

export interface ApiForm<Values extends FormValues, Result, Variables> {
  form: Form<Values>;
  mutation: UseMutationResult<Result, Error, Variables>;
  /** Problems to show above the form (`<FormAlert messages={problems} />`). */
  problems: string[];
  setProblems: (problems: string[]) => void;
  /** Sends these variables (problems of the last try cleared). */
  submit: (variables: Variables) => void;
  /** The `<form onSubmit>` handler: client-side validation, then `submit`. */
  onSubmit: (event?: React.FormEvent<HTMLFormElement>) => void;
}

/**
 * A Mantine form sent by a TanStack mutation: on a `validation_failed` answer the server's field
 * problems go on their fields, and what matches no field (or any other error) is kept in `problems`,
 * shown in one place above the form.
 */
export function useApiForm<Values extends FormValues, Result = unknown, Variables = Values>(
  options: ApiFormOptions<Values, Result, Variables>,
): ApiForm<Values, Result, Variables> {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const [problems, setProblems] = useState<string[]>([]);
  const form = useForm<Values>(options.form);
  const mutation = useMutation<Result, Error, Variables>({
    mutationFn: options.mutationFn,
    onSuccess: (result, variables) => options.onSuccess?.(result, variables),
    onError: (error) => {
      if (options.handleError?.(error)) return;
      setProblems(formProblems(form as unknown as ProblemForm, error, t, currentLanguage(), locale, options));
    },
  });
  const submit = (variables: Variables) => {
    setProblems([]);
    mutation.mutate(variables);
  };
  const onSubmit = form.onSubmit((values) => {
    const variables = options.toVariables ? options.toVariables(values) : (values as unknown as Variables);
    if (variables !== null) submit(variables);
  });
  return { form, mutation, problems, setProblems, submit, onSubmit };
}
