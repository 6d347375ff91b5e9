# Regenerates src/main/resources/catalog/write-schemas.json from the reference OpenAPI:
#   python3 build-config/gen-write-schemas.py src/main/resources/catalog/write-schemas.json [reference.json]
import json,sys
d=json.load(open(sys.argv[2] if len(sys.argv) > 2 else "../shared/reference/trackstar-wms-openapi.json"))
s=d['components']['schemas']
def res(o,depth=0):
    if isinstance(o,dict):
        if '$ref' in o: return res(s[o['$ref'].split('/')[-1]],depth+1)
        if 'allOf' in o and len(o['allOf'])==1:
            r=res(o['allOf'][0],depth+1); return r
        out={}
        for k,v in o.items():
            if k in ('description','example','title','discriminator'): continue
            out[k]=res(v,depth+1)
        return out
    if isinstance(o,list): return [res(x,depth+1) for x in o]
    return o
routes=[("create_order","POST","/wms/orders"),("update_order","PUT","/wms/orders/{order_id}"),
("cancel_order","PUT","/wms/orders/{order_id}/cancel"),("create_order_shipment","POST","/wms/orders/{order_id}/shipments"),
("create_product","POST","/wms/products"),("update_product","PUT","/wms/products/{product_id}"),
("create_kit","POST","/wms/kits"),("update_kit","PUT","/wms/kits/{kit_id}"),
("create_inbound_shipment","POST","/wms/inbound-shipments"),("update_inbound_shipment","PUT","/wms/inbound-shipments/{inbound_shipment_id}"),
("receive_inbound_shipment","PUT","/wms/inbound-shipments/{inbound_shipment_id}/receive"),
("create_return","POST","/wms/returns"),("update_return","PUT","/wms/returns/{return_id}"),
("adjust_inventory","PUT","/wms/inventory/{inventory_id}/adjust")]
names=['sandbox','shipbob','shiphero','extensiv-3pl-central']
# Switchboard's own variants, for writes an integration's system has but the reference gives no variant of: the base
# schema with the fields the vendor itself requires (docs/integrations/<name>.md says which and why). A variant the
# reference has always wins.
local={("create_product","shipbob"):["name","sku"],("update_product","shipbob"):[],
("create_kit","shipbob"):["inventory_items","name","sku"]}
# Fields of a reference variant that Switchboard's adapter has no place for in the vendor's API (docs/integrations/
# <name>.md says why): removed from the variant, so write_operations does not offer them and a body that sends them
# gets them back in unused_fields. A dotted path removes a nested field; for an object with oneOf, the branches
# that require it.
drop={("update_order","shiphero"):["labels"],
("create_inbound_shipment","shiphero"):["supplier","supplier_object.supplier_name"],
("create_order","extensiv-3pl-central"):["trading_partner","total_discount","total_shipping","total_tax","gift_message"],
("update_order","extensiv-3pl-central"):["trading_partner","total_discount","total_shipping","total_tax","gift_message"],
("create_inbound_shipment","extensiv-3pl-central"):["supplier","supplier_object","line_items.external_id"]}
def remove(schema,path):
    head,_,rest=path.partition('.')
    props=schema.get('properties',{})
    if not rest:
        props.pop(head,None)
        if head in schema.get('required',[]): schema['required']=[r for r in schema['required'] if r!=head]
        return
    inner=props[head]
    if inner.get('type')=='array': inner=inner['items']
    if 'oneOf' in inner and '.' not in rest:
        inner['oneOf']=[b for b in inner['oneOf'] if rest not in b.get('required',[])]
        if len(inner['oneOf'])==1:
            branch=inner.pop('oneOf')[0]; inner.update(branch)
        return
    remove(inner,rest)
out={"_comment":"Generated from ../shared/reference/trackstar-wms-openapi.json by build-config/gen-write-schemas.py: each write route's request schema, the base schema and the variants of Switchboard's integrations (refs resolved, descriptions dropped), plus Switchboard's own variants where the reference has none for a write the vendor has (the script's local table).","actions":{}}
for a,m,p in routes:
    op=d['paths'][p][m.lower()]
    rb=op.get('requestBody',{}).get('content',{}).get('application/json',{}).get('schema')
    entry={"method":m,"path":p}
    if rb:
        top=s[rb['$ref'].split('/')[-1]]
        mp=top['discriminator']['mapping']
        entry['base']=res({'$ref':mp['_base']})
        entry['variants']={n:res({'$ref':mp[n]}) for n in names if n in mp}
        for (la,ln),req in local.items():
            if la==a and ln not in entry['variants']:
                v=json.loads(json.dumps(entry['base'])); v['required']=req; v['additionalProperties']=False
                entry['variants'][ln]=v
        for (da,dn),paths in drop.items():
            if da==a and dn in entry['variants']:
                for path in paths: remove(entry['variants'][dn],path)
    else:
        entry['base']={"type":"object","properties":{},"additionalProperties":True}
        entry['variants']={}
    out['actions'][a]=entry
    print(a, list(entry['variants'].keys()), file=sys.stderr)
json.dump(out,open(sys.argv[1],'w'),indent=1,sort_keys=False)
