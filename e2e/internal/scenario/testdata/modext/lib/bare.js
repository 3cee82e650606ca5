import x from "lodash";
export default x;
