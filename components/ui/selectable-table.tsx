import type { ReactNode } from "react";
import { DataTable, EmptyTableRow } from "./data-table";

interface SelectableTableProps<Row> {
  testId: string;
  /** Read by screen readers only. */
  caption: string;
  busy: boolean;
  /** The headings of the columns between the checkbox and the row's action. */
  headings: readonly string[];
  /** Screen-reader names of the checkbox and action columns. */
  selectHeading: string;
  actionHeading: string;
  rows: readonly Row[];
  keyOf: (row: Row) => string;
  /** data-* attributes (and data-testid) of a row, for tests and tools. */
  dataOf: (row: Row) => Record<`data-${string}`, string>;
  checkboxLabel: (row: Row) => string;
  selected: ReadonlySet<string>;
  onToggle: (key: string) => void;
  /** The row's cells under `headings`. */
  cells: (row: Row) => ReactNode;
  /** The row's own action (a button). */
  action: (row: Row) => ReactNode;
  empty: { testId: string; text: string };
}

/** A table of rows to pick for a bulk action: a checkbox first, the row's own action last. */
export function SelectableTable<Row>(props: SelectableTableProps<Row>) {
  const { rows, keyOf, selected, onToggle } = props;
  const columnCount = props.headings.length + 2;
  return (
    <DataTable
      testId={props.testId}
      caption={props.caption}
      busy={props.busy}
      columns={
        <>
          <th className="w-8 px-3 py-2">
            <span className="sr-only">{props.selectHeading}</span>
          </th>
          {props.headings.map((heading) => (
            <th key={heading} className="px-3 py-2 font-medium">
              {heading}
            </th>
          ))}
          <th className="px-3 py-2">
            <span className="sr-only">{props.actionHeading}</span>
          </th>
        </>
      }
    >
      {rows.length === 0 ? (
        <EmptyTableRow colSpan={columnCount} testId={props.empty.testId}>
          {props.empty.text}
        </EmptyTableRow>
      ) : (
        rows.map((row) => {
          const key = keyOf(row);
          return (
            <tr key={key} {...props.dataOf(row)} className="align-top">
              <td className="px-3 py-2">
                <input
                  type="checkbox"
                  aria-label={props.checkboxLabel(row)}
                  checked={selected.has(key)}
                  onChange={() => onToggle(key)}
                />
              </td>
              {props.cells(row)}
              <td className="px-3 py-2 text-right">{props.action(row)}</td>
            </tr>
          );
        })
      )}
    </DataTable>
  );
}
