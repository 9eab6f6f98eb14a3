import { useId, type ComponentProps, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

interface FieldProps {
  label: string;
  /** The control's id, when something outside the form names it; a generated one otherwise. */
  id?: string;
  /** Shown in red instead of the hint, and announced with the field. */
  error?: string;
  hint?: string;
  children: (ids: { id: string; describedBy: string; invalid: boolean }) => ReactNode;
  className?: string;
}

/** A labelled form control with its hint or error, wired up for screen readers. */
export function Field({ label, id: given, error, hint, children, className }: FieldProps) {
  const generated = useId();
  const id = given ?? generated;
  const describedBy = `${id}-help`;
  return (
    <div className={className}>
      <Label htmlFor={id}>{label}</Label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {error || hint ? (
        <p id={describedBy} className={cn("mt-1 text-xs", error ? "text-danger" : "text-fg-muted")}>
          {error ?? hint}
        </p>
      ) : null}
    </div>
  );
}

type TextFieldProps = Omit<FieldProps, "children" | "className"> & Omit<ComponentProps<"input">, "id">;

/** A labelled text input, marked invalid and described by its hint or error. */
export function TextField({ label, id, error, hint, ...input }: TextFieldProps) {
  return (
    <Field label={label} id={id} error={error} hint={hint}>
      {({ id: inputId, describedBy, invalid }) => (
        <Input
          id={inputId}
          aria-invalid={invalid || undefined}
          aria-describedby={error || hint ? describedBy : undefined}
          {...input}
        />
      )}
    </Field>
  );
}

export function Select({ className, ...props }: ComponentProps<"select">) {
  return (
    <select
      className={cn(
        "block h-9 w-full rounded-md border border-border bg-surface px-2.5 text-sm text-fg shadow-xs",
        "focus-visible:border-accent focus-visible:outline-offset-0 aria-invalid:border-danger disabled:opacity-60",
        className,
      )}
      {...props}
    />
  );
}

export function Checkbox({
  label,
  hint,
  ...props
}: ComponentProps<"input"> & { label: string; hint?: string }) {
  return (
    <label className="flex items-start gap-2 text-sm">
      <input type="checkbox" className="mt-0.5 size-4 accent-accent" {...props} />
      <span>
        <span className="block font-medium">{label}</span>
        {hint ? <span className="block text-xs text-fg-muted">{hint}</span> : null}
      </span>
    </label>
  );
}
