# Writes the netinfo-*.txt golden files from the fixtures here, independently of btcnode's Java code:
# bitcoin-cli.cpp NetinfoRequestHandler's printf format strings transcribed to Python %-formatting.
# Run from this directory: python3 make_goldens.py (getinfo*.txt were made the same way from ParseGetInfoResult).
import json, math
NETWORKS=["not_publicly_routable","ipv4","ipv6","onion","i2p","cjdns","internal"]
SHORT=["npr","ipv4","ipv6","onion","i2p","cjdns","int"]
now=1700000000
def render(level, outonly, peers, ni):
    counts=[[0]*8 for _ in range(3)]; block=0; manual=0; rows=[]
    mal=0; mapl=5; marl=6; mage=5; mid=2; mserv=6; asmap=False
    def fs(names): return "".join('l' if s=="NETWORK_LIMITED" else '2' if s=="P2P_V2" else s[0].lower() for s in names)
    for p in peers:
        nid=NETWORKS.index(p["network"]); out=not p["inbound"]
        counts[int(out)][nid]+=1; counts[int(out)][7]+=1; counts[2][nid]+=1; counts[2][7]+=1
        if p["connection_type"]=="block-relay-only": block+=1
        if p["connection_type"]=="manual": manual+=1
        if outonly and not out: continue
        if level:
            age="" if p["conntime"]==0 else str((now-p["conntime"])//60)
            r=dict(p, age=age, serv=fs(p["servicesnames"]), net=SHORT[nid], out=out,
                   minping=p.get("minping",-1), ping=p.get("pingtime",-1))
            rows.append(r)
            mal=max(len(p["addr"])+1,mal); mapl=max(len(str(p["addr_processed"])),mapl)
            marl=max(len(str(p["addr_rate_limited"])),marl); mage=max(len(age),mage)
            mid=max(len(str(p["id"])),mid); mserv=max(len(r["serv"]),mserv)
            asmap = asmap or p.get("mapped_as",0)!=0
    addrsel=level in (2,4); versel=level in (3,4)
    services=(" - services %s" % fs(ni["localservicesnames"])) if level else ""
    res="%s client %s%s - server %i%s%s\n\n" % ("btcnode","v0.1.0-test"," regtest",ni["protocolversion"],ni["subversion"],services)
    def pt(s):
        if s<0: return ""
        ms=math.floor(1000*s+0.5)
        return "-" if ms>999999 else str(int(ms))
    ct={"outbound-full-relay":"full","block-relay-only":"block","manual":"manual","feeler":"feeler","addr-fetch":"addr"}
    if level and rows:
        rows.sort(key=lambda r:(r["out"],r["minping"]))
        res+="<->   type   net %*s  v  mping   ping send recv  txn  blk  hb %*s%*s%*s " % (mserv,"serv",mapl,"addrp",marl,"addrl",mage,"age")
        if asmap: res+=" asmap "
        res+="%*s %-*s%s\n" % (mid,"id",mal if addrsel else 0,"address" if addrsel else "","version" if versel else "")
        for r in rows:
            t=r["transport_protocol_type"]; ver=str(r["version"])+r["subver"]
            res+="%3s %6s %5s %*s %2s%7s%7s%5s%5s%5s%5s  %2s %*s%*s%*s%*s %*s %-*s%s\n" % (
                "out" if r["out"] else "in", ct.get(r["connection_type"],""), r["net"], mserv, r["serv"],
                t[1] if len(t)==2 and t[0]=='v' else ' ', pt(r["minping"]), pt(r["ping"]),
                str(now-r["lastsend"]) if r["lastsend"] else "", str(now-r["lastrecv"]) if r["lastrecv"] else "",
                str((now-r["last_transaction"])//60) if r["last_transaction"] else ("" if r["relaytxes"] else "*"),
                str((now-r["last_block"])//60) if r["last_block"] else "",
                ("." if r["bip152_hb_to"] else " ")+("*" if r["bip152_hb_from"] else " "),
                mapl, str(r["addr_processed"]) if r["addr_processed"] else ("" if r["addr_relay_enabled"] else "."),
                marl, str(r["addr_rate_limited"]) if r["addr_rate_limited"] else "",
                mage, r["age"], 7 if asmap else 0, str(r.get("mapped_as",0)) if asmap and r.get("mapped_as",0) else "", mid, str(r["id"]), mal if addrsel else 0, r["addr"] if addrsel else "",
                ver if versel and ver!="0" else "")
        res+="                %*s         ms     ms  sec  sec  min  min                %*s\n\n" % (mserv,"",mage,"min")
    res+="     "; shown=[]
    for n in ni["networks"]:
        if n["reachable"] and n["name"] in NETWORKS:
            res+="%8s" % n["name"]; shown.append(NETWORKS.index(n["name"]))
    for nid in (0,6):
        if counts[2][nid]: res+="%8s" % SHORT[nid]; shown.append(nid)
    res+="   total   block"
    if manual: res+="  manual"
    for i,name in enumerate(["in","out","total"]):
        res+="\n%-5s" % name
        for n in shown: res+="%8i" % counts[i][n]
        res+="   %5i" % counts[i][7]
        if i==1:
            res+="   %5i" % block
            if manual: res+="   %5i" % manual
    if not level:
        res+="\n\nLocal services: %s" % ", ".join(ni["localservicesnames"]).replace("_"," ").lower()
    res+="\n\nLocal addresses"
    la=ni["localaddresses"]
    if not la: res+=": n/a\n"
    else:
        m=max(len(a["address"])+1 for a in la)
        for a in la: res+="\n%-*s    port %6i    score %6i" % (m,a["address"],a["port"],a["score"])
    return res
peers=json.load(open("getpeerinfo.json")); ni=json.load(open("getnetworkinfo.json"))
for lvl in range(5):
    open("netinfo-%d.txt"%lvl,"w").write(render(lvl,False,peers,ni))
open("netinfo-4-outonly.txt","w").write(render(4,True,peers,ni))
asm=[dict(p) for p in peers]
asm[0]["mapped_as"]=13335; asm[1]["mapped_as"]=0; asm[3]["mapped_as"]=64496
json.dump(asm, open("getpeerinfo-asmap.json","w"), indent=2)
open("netinfo-3-asmap.txt","w").write(render(3,False,asm,ni))
ni2=dict(ni, localaddresses=[])
open("netinfo-0-nolocal.txt","w").write(render(0,False,[p for p in peers if p["network"]!="not_publicly_routable"],ni2))
