// A labelled single choice (react-aria-components Select: keyboard, typeahead, screen readers).
import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from 'react-aria-components';

export interface Option<K extends string> {
  id: K;
  label: string;
}

export function SelectField<K extends string>({
  label,
  options,
  value,
  onChange,
  isDisabled,
  name,
}: {
  label: string;
  options: readonly Option<K>[];
  value: K;
  onChange: (value: K) => void;
  isDisabled?: boolean;
  name?: string;
}) {
  return (
    <Select className="field" selectedKey={value} onSelectionChange={(k) => k !== null && onChange(k as K)} isDisabled={isDisabled} name={name}>
      <Label>{label}</Label>
      <Button className="select-button">
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      <Popover className="popover">
        <ListBox className="listbox">
          {options.map((o) => (
            <ListBoxItem key={o.id} id={o.id} className="listbox-item">
              {o.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}
