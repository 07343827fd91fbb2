import { forwardRef } from "react";
import { inputClass } from "./field";
import type { Option } from "./multi-select";

/** A native select of options, with an empty first choice when `placeholder` is set. */
export const Select = forwardRef<
  HTMLSelectElement,
  Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "children"> & { options: Option[]; placeholder?: string }
>(function Select({ options, placeholder, className = "", ...props }, ref) {
  return (
    <select ref={ref} {...props} className={`${inputClass} ${className}`}>
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.detail && o.detail !== o.label ? `${o.label} (${o.detail})` : o.label}
        </option>
      ))}
    </select>
  );
});
