// A table with column headers, a row header, and sorting by clicking (or Enter on) a header.
// react-aria-components gives it grid keyboard navigation and the ARIA sort state.
import { useMemo, useState, type ReactNode } from 'react';
import { Cell, Column, Row, Table, TableBody, TableHeader, type SortDescriptor } from 'react-aria-components';

export interface ColumnDef<T> {
  id: string;
  name: string;
  render: (row: T) => ReactNode;
  /** Makes the column sortable; the value compared. */
  sortValue?: (row: T) => string | number | null | undefined;
  /** The cell that names the row for screen readers (one column should be). */
  isRowHeader?: boolean;
  /** Right-aligned numbers. */
  numeric?: boolean;
}

export interface DataTableProps<T> {
  /** The table's accessible name. */
  label: string;
  columns: ColumnDef<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** Shown in the body when there are no rows. */
  empty?: ReactNode;
  initialSort?: SortDescriptor;
  /** Extra class for a row (state colours; always with words in a cell as well). */
  rowClassName?: (row: T) => string | undefined;
  testId?: string;
}

function compare(a: string | number | null | undefined, b: string | number | null | undefined): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

export function DataTable<T>({ label, columns, rows, rowKey, empty, initialSort, rowClassName, testId }: DataTableProps<T>) {
  const [sort, setSort] = useState<SortDescriptor | undefined>(initialSort);
  const hasRowHeader = columns.some((c) => c.isRowHeader);
  const sorted = useMemo(() => {
    const col = columns.find((c) => c.id === sort?.column);
    if (!col?.sortValue || !sort) return rows;
    const dir = sort.direction === 'descending' ? -1 : 1;
    return [...rows].sort((a, b) => dir * compare(col.sortValue!(a), col.sortValue!(b)));
  }, [rows, columns, sort]);

  return (
    <div className="table-wrap">
      <Table aria-label={label} className="data-table" sortDescriptor={sort} onSortChange={setSort} data-testid={testId}>
        <TableHeader>
          {columns.map((c, i) => (
            <Column key={c.id} id={c.id} isRowHeader={c.isRowHeader || (!hasRowHeader && i === 0)} allowsSorting={!!c.sortValue} className={c.numeric ? 'numeric' : undefined}>
              {({ allowsSorting, sortDirection }) => (
                <span className="column-name">
                  {c.name}
                  {allowsSorting ? (
                    <span aria-hidden="true" className="sort-indicator">
                      {sortDirection === 'ascending' ? '▲' : sortDirection === 'descending' ? '▼' : '↕'}
                    </span>
                  ) : null}
                </span>
              )}
            </Column>
          ))}
        </TableHeader>
        <TableBody renderEmptyState={() => <div className="table-empty">{empty ?? 'Nothing to show.'}</div>}>
          {sorted.map((row) => (
            <Row key={rowKey(row)} id={rowKey(row)} className={['data-row', rowClassName?.(row)].filter(Boolean).join(' ')}>
              {columns.map((c) => (
                <Cell key={c.id} className={c.numeric ? 'numeric' : undefined}>
                  {c.render(row)}
                </Cell>
              ))}
            </Row>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
