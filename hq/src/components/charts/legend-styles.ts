/** A chart's legend: one line per series, its colour and line style beside its name (for every chart). */
import { css } from 'lit';

export const legendStyles = css`
  ul.legend {
    list-style: none;
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.25rem;
    padding: 0;
    margin: 0.5rem 0 0;
  }
  .swatch {
    display: inline-block;
    width: 1.6rem;
    height: 0;
    border-top: 4px solid;
    vertical-align: middle;
    margin-right: 0.4rem;
  }
  .swatch.dashed {
    border-top-style: dashed;
  }
  .swatch.bars {
    height: 0.8rem;
    border-top: 0;
  }
`;
